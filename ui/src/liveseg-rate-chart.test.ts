// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { appendRate, type ChartSample, TIME_INCRS, withHistory } from './liveseg-rate-chart.ts';

const live = (t: number, entries = 1): ChartSample => ({ t, entries, activeUsers: 2, events: 3 });
const past = (t: number, entries = 0.2): ChartSample => ({ t, entries, activeUsers: 1, events: 1, span: 5 });

describe('rate chart samples', () => {
  it('puts the history before the live samples, only where no live sample is', () => {
    const list = [live(100_000), live(101_000)];
    const merged = withHistory(list, [past(90_000), past(95_000), past(100_000), past(105_000)]);
    expect(merged.map((s) => s.t)).toEqual([90_000, 95_000, 100_000, 101_000]);
    expect(merged.filter((s) => s.span !== undefined)).toHaveLength(2);
  });

  it('replaces earlier history after a reconnect and keeps 15 minutes', () => {
    const first = withHistory([], [past(1000), past(6000)]);
    const again = withHistory(first, [past(6000), past(11_000)]);
    expect(again.map((s) => s.t)).toEqual([6000, 11_000]);
    const long = withHistory(
      [],
      Array.from({ length: 400 }, (_, i) => past(i * 5000)),
    );
    expect(long.at(-1)!.t - long[0].t).toBeLessThanOrEqual(15 * 60_000);
    expect(withHistory([], [])).toEqual([]);
  });

  it('appends live samples after the history', () => {
    const list = withHistory([], [past(5000), past(10_000)]);
    expect(appendRate(list, live(11_000)).map((s) => s.t)).toEqual([5000, 10_000, 11_000]);
  });

  it('steps the time axis in whole seconds, so second labels never repeat', () => {
    expect(TIME_INCRS.every((x) => Number.isInteger(x) && x >= 1)).toBe(true);
  });
});
