import { describe, expect, it } from 'vitest';
import { SnapshotCache } from './snapshot-cache.ts';

describe('SnapshotCache', () => {
  it('evicts the least recently used entry beyond its entry count', () => {
    const cache = new SnapshotCache(2);
    cache.set('a', '1');
    cache.set('b', '2');
    cache.get('a');
    cache.set('c', '3');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('1');
    expect(cache.get('c')).toBe('3');
  });

  it('evicts beyond its byte budget, counting keys, values and overhead', () => {
    const cache = new SnapshotCache(1000, 3 * (1 + 100 + 64));
    for (const k of ['a', 'b', 'c', 'd']) cache.set(k, 'x'.repeat(100));
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(3 * 165);
    cache.set('e', 'x'.repeat(400)); // larger than all the rest together: they all go
    expect(cache.size).toBe(1);
    expect(cache.get('e')).toHaveLength(400);
  });

  it('keeps its byte count right through replacement, deletion and partition drops', () => {
    const cache = new SnapshotCache(10);
    cache.set('1.a', 'xx');
    cache.set('1.a', 'xxxx');
    cache.set('2.b', '');
    expect(cache.bytes).toBe(3 + 4 + 64 + 3 + 0 + 64);
    cache.dropPrefix('1.');
    expect(cache.get('1.a')).toBeUndefined();
    expect(cache.get('2.b')).toBe('');
    cache.delete('2.b');
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });
});
