import { describe, expect, it } from 'vitest';
import { Gate, Pacer } from './limits.ts';

describe('Pacer', () => {
  it('lets a burst through, then spaces callers at the rate', () => {
    let t = 0;
    const p = new Pacer(100, 2, () => t);
    expect([p.reserve(), p.reserve()]).toEqual([0, 0]);
    expect(p.reserve()).toBeCloseTo(10); // one token every 10 ms
    expect(p.reserve()).toBeCloseTo(20);
    t = 1000; // a second later the bucket is full again
    expect(p.reserve()).toBe(0);
  });
});

describe('Gate', () => {
  it('admits at most its size, then the waiting in order', async () => {
    const g = new Gate(2);
    await g.enter();
    await g.enter();
    const order: number[] = [];
    const a = g.enter().then(() => order.push(1));
    const b = g.enter().then(() => order.push(2));
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(g.inUse).toBe(2);
    g.leave();
    await a;
    g.leave();
    await b;
    expect(order).toEqual([1, 2]);
    g.leave();
    g.leave();
    expect(g.inUse).toBe(0);
  });
});
