import { describe, expect, it } from 'vitest';
import { drainRate } from './drain-watch.ts';

describe('drainRate', () => {
  const samples = [0, 50, 100, 400, 700, 950, 1000].map((done, i) => ({ t: i * 1000, done }));

  it('measures between 10% and 90% consumed', () => {
    // 100 done at t=2 s, 950 at t=5 s.
    expect(drainRate(samples, 1000)).toBe(Math.round(850 / 3));
  });

  it('starts no earlier than readyAt', () => {
    expect(drainRate(samples, 1000, 3000)).toBe(Math.round(550 / 2));
  });

  it('uses the last sample when the run timed out', () => {
    expect(drainRate(samples.slice(0, 5), 1000)).toBe(Math.round(600 / 2));
  });
});
