import { describe, expect, it } from 'vitest';
import { PinnedLru } from './lru.ts';

describe('PinnedLru', () => {
  it('evicts the least recently used entry beyond capacity', () => {
    const lru = new PinnedLru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
  });

  it('never evicts a pinned entry, and evicts it once unpinned', () => {
    const lru = new PinnedLru<number>(1);
    lru.set('a', 1);
    lru.pin('a');
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    expect(lru.get('b')).toBeUndefined();
    lru.unpin('a');
    lru.set('c', 3);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.get('c')).toBe(3);
  });
});
