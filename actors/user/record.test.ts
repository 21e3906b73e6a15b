import { describe, expect, it } from 'vitest';
import { encodeUserId, userIdOfKey, userKey } from './record.ts';

describe('user keys', () => {
  it('round-trip any user id through the KV key, whatever its script or length', () => {
    for (const id of ['u-42', 'a@example.com', 'Jane Doe', 'ユーザー', 'smile 😀', 'x'.repeat(256), 'a.b/c+d=']) {
      const key = userKey(7, id);
      expect(key).toMatch(/^7\.[-_A-Za-z0-9]+$/);
      expect(userIdOfKey(key)).toBe(id);
    }
  });

  it('gives distinct ids distinct keys', () => {
    expect(encodeUserId('a')).not.toBe(encodeUserId('b'));
  });
});
