import fc from 'fast-check';
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

  it('agrees with a reference LRU through any mix of sets, gets, deletes and drops', () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('set' as const), k: fc.integer({ min: 0, max: 12 }), len: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ t: fc.constant('get' as const), k: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ t: fc.constant('delete' as const), k: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ t: fc.constant('drop' as const), k: fc.integer({ min: 0, max: 1 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 300 }), (max, ops) => {
        const cache = new SnapshotCache(max, 4 * (4 + 30 + 64));
        const model: Array<[string, string]> = []; // least recently used first
        const modelBytes = () => model.reduce((a, [k, v]) => a + k.length + v.length + 64, 0);
        for (const o of ops) {
          const key = `${o.k % 2}.${String(o.k).padStart(2, '0')}`;
          const at = model.findIndex(([k]) => k === key);
          if (o.t === 'set') {
            if (at >= 0) model.splice(at, 1);
            model.push([key, 'x'.repeat(o.len)]);
            while (model.length > max || modelBytes() > 4 * (4 + 30 + 64)) model.shift();
            cache.set(key, 'x'.repeat(o.len));
          } else if (o.t === 'get') {
            const hit = at >= 0 ? model.splice(at, 1)[0] : undefined;
            if (hit) model.push(hit);
            expect(cache.get(key)).toBe(hit?.[1]);
          } else if (o.t === 'delete') {
            if (at >= 0) model.splice(at, 1);
            cache.delete(key);
          } else {
            for (let i = model.length - 1; i >= 0; i--) if (model[i][0].startsWith(`${o.k}.`)) model.splice(i, 1);
            cache.dropPrefix(`${o.k}.`);
          }
          expect([cache.size, cache.bytes]).toEqual([model.length, modelBytes()]);
        }
      }),
    );
  });
});
