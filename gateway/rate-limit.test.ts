import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('allows a burst, then refills at the rate', () => {
    let t = 0;
    const l = new RateLimiter({ perSecond: 10, burst: 3 }, () => t);
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([0, 0, 0]);
    expect(l.take('a')).toBe(1);
    t += 100; // one token back
    expect(l.take('a')).toBe(0);
    expect(l.take('a')).toBe(1);
  });

  it('says how long to wait at low rates', () => {
    const l = new RateLimiter({ perSecond: 0.2, burst: 1 }, () => 0);
    expect(l.take('a')).toBe(0);
    expect(l.take('a')).toBe(5);
  });

  it('keeps clients apart and bounds its memory', () => {
    let t = 0;
    const l = new RateLimiter({ perSecond: 1, burst: 1 }, () => t, 100);
    for (let i = 0; i < 1000; i++) expect(l.take(`c${i}`)).toBe(0);
    t += 5000;
    expect(l.take('c999')).toBe(0);
    expect((l as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(100);
  });
});
