import { describe, expect, it } from 'vitest';
import { elapsedBefore, maxAttempts, RETRY_SCHEDULE, retryDelay } from './schedule.ts';

describe('the retry schedule', () => {
  it('retries first within 5 s, doubling, never more than 10 min apart', () => {
    expect(retryDelay(RETRY_SCHEDULE, 1)).toBe(2_000);
    expect(retryDelay(RETRY_SCHEDULE, 1)).toBeLessThanOrEqual(5_000);
    expect(retryDelay(RETRY_SCHEDULE, 2)).toBe(4_000);
    expect(retryDelay(RETRY_SCHEDULE, 9)).toBe(512_000);
    expect(retryDelay(RETRY_SCHEDULE, 10)).toBe(600_000);
    expect(retryDelay(RETRY_SCHEDULE, 1_000_000)).toBe(600_000);
    for (let a = 1; a < 200; a++) expect(retryDelay(RETRY_SCHEDULE, a)).toBeLessThanOrEqual(600_000);
  });

  it('keeps trying for 24 h, then gives up', () => {
    const n = maxAttempts(RETRY_SCHEDULE);
    expect(elapsedBefore(RETRY_SCHEDULE, n)).toBeLessThanOrEqual(86_400_000);
    expect(elapsedBefore(RETRY_SCHEDULE, n + 1)).toBeGreaterThan(86_400_000);
    // 2+4+…+512 s (1,022 s), then every 600 s until the day is over.
    expect(n).toBe(1 + 9 + Math.floor((86_400_000 - 1_022_000) / 600_000));
    expect(elapsedBefore(RETRY_SCHEDULE, n)).toBeGreaterThan(86_400_000 - 600_000);
  });

  it('scales to the short schedules of tests', () => {
    const s = { firstMs: 100, maxMs: 400, forMs: 1_000 };
    expect([1, 2, 3, 4].map((a) => retryDelay(s, a))).toEqual([100, 200, 400, 400]);
    expect(maxAttempts(s)).toBe(4); // tries at 0, 100, 300, 700 ms; the next would be at 1,100
  });
});
