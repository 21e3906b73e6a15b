// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { $, fakeGateway, mount, shadowText, type, until } from './testing/dom.ts';
import './liveseg-user-lookup.ts';
import type { LivesegUserLookup } from './liveseg-user-lookup.ts';

const USER = {
  userId: 'u-42',
  profile: { timezone: 'Asia/Kolkata', unsubscribed: ['sms'], props: { email: 'a@example.com', city: 'Pune' } },
  reach: { email: true, sms: false, whatsapp: false, push: false, web_push: false },
  segments: [{ segmentId: 'sg_1', name: 'Carts', entries: 2, lastEntryAt: Date.now() - 120_000, cause: 'e-1' }],
  pending: [{ segmentId: 'sg_2', name: 'No charge in 10 minutes', deadline: Date.now() + 300_000, cause: 'e-2' }],
};

describe('liveseg-user-lookup', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('shows profile, reach, segments entered and pending windows', async () => {
    fakeGateway({ 'GET /v1/users/u-42': () => USER });
    const el = await mount<LivesegUserLookup>('<liveseg-user-lookup user-id="u-42"></liveseg-user-lookup>');
    await until(() => shadowText(el).includes('Carts'));
    const text = shadowText(el);
    expect(text).toContain('Time zone Asia/Kolkata');
    expect(text).toContain('unsubscribed from sms');
    expect(text).toContain('Pune');
    expect(text).toContain('2 entries');
    expect(text).toContain('2 min ago');
    expect(text).toContain('qualifies in 5 min unless cancelled');
    expect($(el, 'a[href="#/segments/sg_1"]')).not.toBeNull();
    expect($(el, '.who [role=img]')!.getAttribute('aria-label')).toBe('Reachable by Email');
  });

  it('says so for an unknown user, and looks up another from the form', async () => {
    fakeGateway({ 'GET /v1/users/u-42': () => USER });
    const el = await mount<LivesegUserLookup>('<liveseg-user-lookup user-id="ghost"></liveseg-user-lookup>');
    await until(() => shadowText(el).includes('No user “ghost”'));
    el.addEventListener('liveseg-user', (e) => e.preventDefault());
    type($(el, '#uid') as HTMLInputElement, 'u-42');
    ($(el, 'form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => shadowText(el).includes('Carts'));
    expect(el.userId).toBe('u-42');
  });
});
