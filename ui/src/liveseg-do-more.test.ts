// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportMembersCsv, slug } from './lib/export-members.ts';
import { csvField } from './lib/csv.ts';
import { ApiClient } from './api/index.ts';
import { $, fakeGateway, mount, shadowText, until } from './testing/dom.ts';
import './liveseg-do-more.ts';
import type { LivesegDoMore } from './liveseg-do-more.ts';

const pages = () =>
  fakeGateway({
    'GET /v1/segments/sg_1/members': ({ url }) => {
      const cursor = url.searchParams.get('cursor');
      return cursor === null
        ? {
            total: 3,
            users: [
              { userId: 'a', at: 0 },
              { userId: 'b,"x"', at: 1000 },
            ],
            next: '2',
          }
        : { total: 3, users: [{ userId: '=cmd', at: 2000 }], next: null };
    },
  });

describe('do more: export and consume', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('pages through all members into safe CSV', async () => {
    const gw = pages();
    const progress: string[] = [];
    const { csv, count } = await exportMembersCsv(new ApiClient(), 'sg_1', (d, t) => progress.push(`${d}/${t}`));
    expect(count).toBe(3);
    expect(csv).toBe(
      'user_id,entered_at\r\na,1970-01-01T00:00:00.000Z\r\n"b,""x""",1970-01-01T00:00:01.000Z\r\n\'=cmd,1970-01-01T00:00:02.000Z\r\n',
    );
    expect(progress).toEqual(['2/3', '3/3']);
    expect(gw.calls.map((c) => c.url.search)).toEqual(['?limit=1000', '?limit=1000&cursor=2']);
    expect(slug('Added to cart — no charge!')).toBe('added-to-cart-no-charge');
    expect(csvField('plain')).toBe('plain');
  });

  it('exports from the button and shows the subject and curl snippet', async () => {
    pages();
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const el = await mount<LivesegDoMore>(
      '<liveseg-do-more segment-id="sg_1" segment-name="Carts" api-base="https://ls.example.com"></liveseg-do-more>',
    );
    expect($(el, '[data-snippet=subject]')!.textContent).toBe('liveseg.entries.sg_1');
    expect($(el, '[data-snippet=curl]')!.textContent).toBe(
      'curl -N -H "Authorization: Bearer $LIVESEG_API_KEY" https://ls.example.com/v1/segments/sg_1/live',
    );
    const done = new Promise<CustomEvent>((r) => el.addEventListener('liveseg-exported', (e) => r(e as CustomEvent)));
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Export CSV'))!.click();
    expect((await done).detail.count).toBe(3);
    await until(() => shadowText(el).includes('3 users exported'));
    expect($(el, 'a[href="#/users"]')).not.toBeNull();
  });
});
