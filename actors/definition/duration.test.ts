import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['30d', 2_592_000_000],
    ['-5d', -432_000_000],
    ['0s', 0],
    ['-0m', 0],
    ['007m', 420_000],
  ])('%s → %d ms', (s, ms) => {
    expect(parseDuration(s)).toBe(ms);
  });

  it.each(['', 's', '10', '1.5h', '10 m', ' 10m', '10m ', '+5d', '5D', '5w', '--5d', '1e3s', '10ms', '99999999999999999d'])(
    'rejects %j',
    (s) => {
      expect(parseDuration(s)).toBeUndefined();
    },
  );

  it('rejects non-strings without throwing', () => {
    expect(parseDuration(42 as unknown as string)).toBeUndefined();
  });

  it('round-trips every integer and unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constantFrom('s', 'm', 'h', 'd'), (n, u) => {
        const ms = parseDuration(`${n}${u}`);
        const unit = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[u];
        expect(ms).toBe(n * unit || 0);
      }),
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [600_000, '10 minutes'],
    [3_600_000, '1 hour'],
    [5 * 86_400_000, '5 days'],
    [90_000, '90 seconds'],
    [120_000, '2 minutes'],
    [36 * 3_600_000, '36 hours'],
    [1_000, '1 second'],
    [0, '0 seconds'],
    [1_500, '1500 milliseconds'],
    [-86_400_000, '-1 day'],
  ])('%d → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
