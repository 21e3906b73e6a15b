import { describe, expect, it } from 'vitest';
import { userIdOf } from './activity.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('userIdOf', () => {
  it('reads the userId of what producers send', () => {
    expect(userIdOf(enc(JSON.stringify({ id: 'e1', userId: 'u-42', name: 'X', ts: 1, props: { userId: 'nested' } })))).toBe('u-42');
    expect(userIdOf(enc('{ "userId" :\n "spaced" }'))).toBe('spaced');
  });

  it('decodes escapes and any Unicode', () => {
    for (const id of ['a"b', 'back\\slash', 'Zoë 🎉', 'line\u2028sep']) expect(userIdOf(enc(JSON.stringify({ userId: id })))).toBe(id);
  });

  it('gives up on what is not a string userId', () => {
    expect(userIdOf(enc('{"userId": 42}'))).toBeUndefined();
    expect(userIdOf(enc('{"name": "x"}'))).toBeUndefined();
    expect(userIdOf(enc('{"userId": "unterminated'))).toBeUndefined();
    expect(userIdOf(new Uint8Array([0xff, 0xfe]))).toBeUndefined();
  });
});
