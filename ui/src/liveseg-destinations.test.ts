// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { $, fakeGateway, mount, shadowText, type, until } from './testing/dom.ts';
import './liveseg-destinations.ts';
import type { LivesegDestinations } from './liveseg-destinations.ts';

const SECRET = 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=';

/** A fake gateway holding destinations in memory, answering like the real one. */
function gateway() {
  const stored: Array<{ id: string; name: string; url: string; segments: string[]; createdAt: number; delivered: number }> = [];
  const view = (d: (typeof stored)[number]) => ({
    id: d.id,
    name: d.name,
    url: d.url,
    segments: d.segments,
    createdAt: d.createdAt,
    stats: { delivered: d.delivered, retrying: 0, failed: 0 },
  });
  const gw = fakeGateway({
    'GET /v1/destinations': () => ({ destinations: stored.map(view) }),
    'POST /v1/destinations': ({ body }) => {
      const b = body as { name: string; url: string; segments: string[] };
      if (!/^https?:\/\//.test(b.url))
        return [
          400,
          { error: { code: 'invalid_request', message: '1 problem(s)', details: [{ path: 'url', message: 'is not a valid URL' }] } },
        ];
      const d = { id: `dst_${stored.length + 1}`, ...b, createdAt: 1, delivered: 0 };
      stored.push(d);
      return [201, { ...view(d), stats: undefined, secret: SECRET }];
    },
    'GET /v1/destinations/dst_1': () => ({
      ...view(stored[0]!),
      recent: stored[0]!.delivered
        ? [{ id: 'sg_1:u1:1', at: Date.UTC(2026, 0, 1, 12), attempt: 1, ok: true, status: 204, ms: 42, outcome: 'delivered' }]
        : [],
      backlog: { pending: 0, ackPending: 0 },
    }),
    'POST /v1/destinations/dst_1/test': () => ({ ok: false, status: 503, ms: 17, error: 'status 503' }),
    'DELETE /v1/destinations/dst_1': () => {
      stored.splice(0, 1);
      return new Response(null, { status: 204 });
    },
  });
  return { gw, stored };
}

const button = (el: Element, text: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes(text))!;

describe('<liveseg-destinations>', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('creates a webhook for the segment, shows the secret once with a copy button, then lists its counts and deliveries', async () => {
    const { gw, stored } = gateway();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const el = await mount<LivesegDestinations>('<liveseg-destinations segment-id="sg_1" segment-name="Carts"></liveseg-destinations>');
    await until(() => $(el, '[data-empty]'));
    button(el, 'Add webhook').click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#wh-name')!.value).toBe('Carts webhook');

    type($<HTMLInputElement>(el, '#wh-url')!, 'ftp://nope');
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    await until(() => shadowText(el).includes('url: is not a valid URL'));

    type($<HTMLInputElement>(el, '#wh-url')!, 'https://hooks.example.com/in');
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    await until(() => $(el, '[data-secret]'));
    expect(
      gw.calls.find(
        (c) =>
          c.method === 'POST' && c.url.pathname === '/v1/destinations' && c.body && (c.body as { url: string }).url.startsWith('https'),
      )!.body,
    ).toEqual({
      name: 'Carts webhook',
      url: 'https://hooks.example.com/in',
      segments: ['sg_1'],
    });
    expect(shadowText(el)).toContain(SECRET);
    button(el, 'Copy').click();
    await until(() => writeText.mock.calls.length > 0);
    expect(writeText).toHaveBeenCalledWith(SECRET);
    button(el, 'Done').click();
    await el.updateComplete;
    expect(shadowText(el)).not.toContain(SECRET);

    stored[0]!.delivered = 1;
    await el.refresh();
    await el.updateComplete;
    expect($(el, '[data-count=delivered]')!.textContent).toContain('1 delivered');
    expect($(el, '[data-count=retrying]')!.textContent).toContain('0 retrying');
    expect(shadowText(el)).toContain('sg_1:u1:1');
    expect(shadowText(el)).toContain('42 ms');
    expect(shadowText(el)).not.toContain(SECRET);
  });

  it('sends a test and says how it went, and deletes', async () => {
    const { stored } = gateway();
    stored.push({ id: 'dst_1', name: 'CRM', url: 'https://crm.example/h', segments: ['sg_1'], createdAt: 1, delivered: 0 });
    stored.push({ id: 'dst_2', name: 'Other', url: 'https://o.example/h', segments: ['sg_2'], createdAt: 1, delivered: 0 });
    const el = await mount<LivesegDestinations>('<liveseg-destinations segment-id="sg_1"></liveseg-destinations>');
    await until(() => $(el, '[data-destination=dst_1]'));
    expect($(el, '[data-destination=dst_2]')).toBeNull();
    button(el, 'Send test').click();
    await until(() => $(el, '[data-test-result]'));
    expect($(el, '[data-test-result]')!.textContent).toContain('Test failed (HTTP 503) in 17 ms: status 503');
    button(el, 'Delete').click();
    await until(() => !$(el, '[data-destination=dst_1]'));
    expect(stored.map((d) => d.id)).toEqual(['dst_2']);
  });

  it('is part of the report’s "do more" row', async () => {
    gateway();
    await import('./liveseg-do-more.ts');
    const el = await mount<HTMLElement>('<liveseg-do-more segment-id="sg_1" segment-name="Carts"></liveseg-do-more>');
    const inner = await until(() => el.shadowRoot!.querySelector('liveseg-destinations'));
    expect(inner.getAttribute('segment-id')).toBe('sg_1');
    await until(() => shadowText(inner).includes('Send to a webhook'));
  });
});
