import { describe, it, expect } from 'vitest';
import { getPath, isDottedPath } from './path.ts';

describe('getPath', () => {
  const obj = { a: { b: { c: 3 } }, list: [{ x: 1 }], 'utm.source': 'mail', utm: { source: 'nested' }, n: null };

  it.each([
    ['a.b.c', 3],
    ['a.b', { c: 3 }],
    ['list.0.x', 1],
    ['list.length', 1],
    ['n', null],
    ['a.x', undefined],
    ['a.b.c.d', undefined],
    ['n.x', undefined],
    ['missing', undefined],
  ])('%s', (path, want) => {
    expect(getPath(obj, path)).toEqual(want);
  });

  it('prefers a flat key containing dots over the nested walk', () => {
    expect(getPath(obj, 'utm.source')).toBe('mail');
  });

  it('never reads the prototype chain', () => {
    expect(getPath({}, 'constructor')).toBeUndefined();
    expect(getPath({}, '__proto__')).toBeUndefined();
    expect(getPath({ a: {} }, 'a.toString')).toBeUndefined();
  });

  it('returns undefined for non-objects', () => {
    expect(getPath(null, 'a')).toBeUndefined();
    expect(getPath('abc', 'length')).toBeUndefined();
  });
});

describe('isDottedPath', () => {
  it.each(['a', 'a.b', 'first name', 'x.0'])('accepts %j', (p) => expect(isDottedPath(p)).toBe(true));
  it.each(['', '.a', 'a.', 'a..b', 'x'.repeat(257)])('rejects %j', (p) => expect(isDottedPath(p)).toBe(false));
});
