import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerHeap } from './timer-heap.ts';

describe('TimerHeap', () => {
  it('pops due keys in deadline order and honours reschedules and clears', () => {
    const t = new TimerHeap();
    t.schedule('a', 30);
    t.schedule('b', 10);
    t.schedule('c', 20);
    t.schedule('a', 5);
    t.schedule('c', undefined);
    expect(t.peek()).toBe(5);
    expect(t.popDue(15)).toEqual([
      ['a', 5],
      ['b', 10],
    ]);
    expect(t.popDue(100)).toEqual([]);
    expect(t.size).toBe(0);
  });

  it('agrees with a sorted map for random operations', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 20 }), fc.option(fc.integer({ min: 0, max: 1000 })), fc.integer({ min: 0, max: 1000 })),
        ),
        (ops) => {
          const t = new TimerHeap();
          const model = new Map<string, number>();
          for (const [k, d, now] of ops) {
            const key = `u${k}`;
            t.schedule(key, d ?? undefined);
            if (d === null) model.delete(key);
            else model.set(key, d);
            const due = [...model].filter(([, v]) => v <= now).sort((x, y) => x[1] - y[1]);
            for (const [dk] of due) model.delete(dk);
            const popped = t.popDue(now).map(([k]) => k);
            expect(popped.sort()).toEqual(due.map(([dk]) => dk).sort());
          }
          expect(t.size).toBe(model.size);
        },
      ),
    );
  });
});
