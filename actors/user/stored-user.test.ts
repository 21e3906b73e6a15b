import { describe, expect, it } from 'vitest';
import { StoredUser } from './stored-user.ts';

describe('StoredUser', () => {
  it('reads entered segments and pending windows as stored, deleted segments included', () => {
    const user = new StoredUser({
      userId: 'u1',
      q: 3,
      profile: { unsubscribed: [], props: {} },
      state: {
        value: {},
        s: {
          sg_a: { n: 2, at: 20, ev: 'e2' },
          sg_gone: { n: 0, d: 50, c: 'e1', w: 10 },
        },
      },
    });
    expect(user.segments()).toEqual([{ segmentId: 'sg_a', entries: 2, lastEntryAt: 20, cause: 'e2' }]);
    expect(user.pending()).toEqual([{ segmentId: 'sg_gone', deadline: 50, cause: 'e1' }]);
  });

  it('fills a profile missing from an old record with the defaults of a fresh one', () => {
    const user = new StoredUser({ userId: 'u1' });
    expect([user.profile(), user.segments(), user.pending()]).toEqual([{ unsubscribed: [], props: {} }, [], []]);
  });
});
