import { describe, it, expect } from 'vitest';
import { MAX_TIMESTAMP, parseIsoTimestamp, parseTimestamp } from './timestamp.ts';

describe('parseIsoTimestamp', () => {
  it.each([
    ['2026-12-03T10:00:00Z', Date.UTC(2026, 11, 3, 10)],
    ['2026-12-03T10:00:00.123Z', Date.UTC(2026, 11, 3, 10, 0, 0, 123)],
    ['2026-12-03T10:00:00.123456789Z', Date.UTC(2026, 11, 3, 10, 0, 0, 123)],
    ['2026-12-03T10:00:00.5Z', Date.UTC(2026, 11, 3, 10, 0, 0, 500)],
    ['2026-12-03T10:00Z', Date.UTC(2026, 11, 3, 10)],
    ['2026-12-03T15:30:00+05:30', Date.UTC(2026, 11, 3, 10)],
    ['2026-12-03T05:00:00-0500', Date.UTC(2026, 11, 3, 10)],
    ['2026-12-03t10:00:00z', Date.UTC(2026, 11, 3, 10)],
    ['2026-12-03', Date.UTC(2026, 11, 3)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['0050-01-01T00:00:00Z', -60589296000000],
  ])('%s', (s, ms) => {
    expect(parseIsoTimestamp(s)).toBe(ms);
  });

  it.each([
    '2026-12-03T10:00:00', // no offset: would depend on the machine's zone
    '2026-12-03 10:00:00Z',
    '2026-02-30T00:00:00Z',
    '2025-02-29',
    '2026-13-01',
    '2026-12-03T24:00:00Z',
    '2026-12-03T10:60:00Z',
    '2026-12-03T10:00:60Z',
    '2026-12-03T10:00:00+24:00',
    '26-12-03',
    'Wed, 03 Dec 2026 10:00:00 GMT',
    '1764320000000',
    '',
  ])('rejects %j', (s) => {
    expect(parseIsoTimestamp(s)).toBeUndefined();
  });
});

describe('parseTimestamp', () => {
  it('accepts non-negative integer ms and ISO strings', () => {
    expect(parseTimestamp(1764320000000)).toBe(1764320000000);
    expect(parseTimestamp(0)).toBe(0);
    expect(parseTimestamp('1970-01-01T00:00:00Z')).toBe(0);
  });
  it('accepts up to the last instant of year 9999, and nothing later', () => {
    expect(parseTimestamp(MAX_TIMESTAMP)).toBe(MAX_TIMESTAMP);
    expect(parseTimestamp('9999-12-31T23:59:59.999Z')).toBe(MAX_TIMESTAMP);
    expect(parseTimestamp('9999-12-31T23:59:59.999-01:00')).toBeUndefined();
    expect(parseTimestamp(MAX_TIMESTAMP + 1)).toBeUndefined();
    expect(parseTimestamp(8.64e15 + 1)).toBeUndefined();
  });
  it.each([-1, 1.5, NaN, Infinity, 1e20, '+275760-09-14T00:00:00.001Z', '1969-12-31T23:59:59Z', null, true, {}])('rejects %j', (v) => {
    expect(parseTimestamp(v)).toBeUndefined();
  });
});
