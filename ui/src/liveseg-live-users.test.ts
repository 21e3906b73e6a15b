// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mount, shadowText } from './testing/dom.ts';
import { initials, prependEntry } from './liveseg-live-users.ts';
import type { LivesegLiveUsers } from './liveseg-live-users.ts';

const none = { email: false, sms: false, whatsapp: false, push: false, web_push: false };

describe('liveseg-live-users', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('keeps the newest first, without repeats, up to a limit', () => {
    let list = prependEntry([], { userId: 'a', at: 1, reach: none });
    list = prependEntry(list, { userId: 'b', at: 3, reach: none });
    list = prependEntry(list, { userId: 'c', at: 2, reach: none });
    list = prependEntry(list, { userId: 'b', at: 3, reach: none });
    expect(list.map((e) => e.userId)).toEqual(['b', 'c', 'a']);
    expect(prependEntry(list, { userId: 'd', at: 4, reach: none }, 2).map((e) => e.userId)).toEqual(['d', 'b']);
  });

  it('makes initials only from name-like ids', () => {
    expect(initials('maya.patel7@example.com')).toBe('MP');
    expect(initials('admin')).toBe('AD');
    expect(initials('u-1482')).toBe('');
  });

  it('renders users with links, times and channel badges, and an empty state', async () => {
    const el = await mount<LivesegLiveUsers>('<liveseg-live-users status="live"></liveseg-live-users>');
    expect(shadowText(el)).toContain('Listening live');
    el.entries = [{ userId: 'u 1', at: Date.now(), reach: { ...none, sms: true, web_push: true } }];
    await el.updateComplete;
    const li = el.shadowRoot!.querySelector('li')!;
    expect(li.querySelector('a')!.getAttribute('href')).toBe('#/users/u%201');
    expect(li.textContent).toContain('just now');
    expect(li.querySelector('[role=img]')!.getAttribute('aria-label')).toBe('Reachable by SMS, Web push');
  });
});
