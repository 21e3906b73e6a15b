import { describe, expect, it } from 'vitest';
import type { DatetimeTrigger, Profile } from '../types.ts';
import { MAX_TIMESTAMP } from '../definition/timestamp.ts';
import { datetimeInstant, instantOf, localToInstant, wallClock } from './instant.ts';

const profile = (props: Record<string, unknown>, timezone?: string): Profile => ({ props, unsubscribed: [], timezone });
const trig = (extra: Partial<DatetimeTrigger> = {}): DatetimeTrigger => ({
  kind: 'datetime',
  property: 'appointment_at',
  offset: '-5d',
  ...extra,
});

describe('datetimeInstant', () => {
  it('adds the offset to an ISO timestamp or epoch ms', () => {
    expect(datetimeInstant(trig(), profile({ appointment_at: '2026-12-08T10:00:00Z' }))).toBe(Date.UTC(2026, 11, 3, 10));
    expect(datetimeInstant(trig({ offset: '2h' }), profile({ appointment_at: Date.UTC(2026, 0, 1) }))).toBe(Date.UTC(2026, 0, 1, 2));
  });

  it('is undefined without a usable property', () => {
    expect(datetimeInstant(trig(), profile({}))).toBeUndefined();
    expect(datetimeInstant(trig(), profile({ appointment_at: 'next tuesday' }))).toBeUndefined();
    expect(datetimeInstant(trig(), profile({ appointment_at: true }))).toBeUndefined();
  });

  it('places `at` in the profile zone, else the trigger zone, else UTC', () => {
    const p = { appointment_at: '2026-12-08T10:00:00Z' };
    expect(datetimeInstant(trig({ at: '09:30' }), profile(p))).toBe(Date.UTC(2026, 11, 3, 9, 30));
    expect(datetimeInstant(trig({ at: '09:30', timezone: 'Asia/Kolkata' }), profile(p))).toBe(Date.UTC(2026, 11, 3, 4, 0));
    expect(datetimeInstant(trig({ at: '09:30', timezone: 'Asia/Kolkata' }), profile(p, 'America/New_York'))).toBe(
      Date.UTC(2026, 11, 3, 14, 30),
    );
  });

  it('treats a bare date as a calendar date in the zone', () => {
    expect(datetimeInstant(trig({ at: '10:00' }), profile({ appointment_at: '2026-12-08' }, 'America/New_York'))).toBe(
      Date.UTC(2026, 11, 3, 15, 0),
    );
    expect(datetimeInstant(trig(), profile({ appointment_at: '2026-12-08' }, 'Asia/Kolkata'))).toBe(Date.UTC(2026, 11, 2, 18, 30));
  });
});

describe('datetimeInstant out of range', () => {
  // Each of these threw RangeError (Invalid time value) or named an instant no Date can hold.
  const far: unknown[] = [8.64e15 + 1, 9e15, 1e20, -1, '+275760-09-14T00:00:00.001Z', '+275760-09-13', 'Infinity'];
  const triggers = [trig(), trig({ offset: '3650d' }), trig({ at: '09:30' }), trig({ at: '09:30', timezone: 'Asia/Kolkata' })];
  it.each(far)('%j is no instant, with or without `at`', (v) => {
    for (const t of triggers) {
      expect(() => datetimeInstant(t, profile({ appointment_at: v }, 'Europe/Berlin'))).not.toThrow();
      expect(datetimeInstant(t, profile({ appointment_at: v }, 'Europe/Berlin'))).toBeUndefined();
    }
  });

  it('still places the last representable dates, offsets included', () => {
    for (const v of ['9999-12-31T23:59:59.999Z', '9999-12-31', MAX_TIMESTAMP]) {
      for (const t of [...triggers, trig({ offset: '-3650d', at: '00:00' })]) {
        const i = datetimeInstant(t, profile({ appointment_at: v }, 'Pacific/Kiritimati'));
        expect(Number.isFinite(new Date(i!).getTime())).toBe(true);
      }
    }
  });
});

describe('localToInstant across DST', () => {
  it('uses the offset in force on that date', () => {
    expect(localToInstant('Europe/Berlin', 2026, 1, 15, 10, 0)).toBe(Date.UTC(2026, 0, 15, 9, 0));
    expect(localToInstant('Europe/Berlin', 2026, 7, 15, 10, 0)).toBe(Date.UTC(2026, 6, 15, 8, 0));
  });

  it('moves a skipped time forward (spring forward)', () => {
    // 2026-03-29 02:30 does not exist in Berlin: clocks go 02:00 -> 03:00, so it is 03:30 CEST.
    expect(localToInstant('Europe/Berlin', 2026, 3, 29, 2, 30)).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('takes the earlier of a repeated time (fall back)', () => {
    // 2026-10-25 02:30 happens at 00:30Z (CEST) and at 01:30Z (CET).
    expect(localToInstant('Europe/Berlin', 2026, 10, 25, 2, 30)).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(localToInstant('America/New_York', 2026, 11, 1, 1, 30)).toBe(Date.UTC(2026, 10, 1, 5, 30));
  });
});

describe('wallClock', () => {
  // Every 7 minutes through a year in zones with DST (at 2:00, 1:00 UTC, and a 30-minute shift),
  // the cached offsets agree with Intl itself, transition hours included.
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo'];
  it.each(zones)('agrees with Intl every 7 minutes of 2026 in %s', (tz) => {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const start = Date.UTC(2026, 0, 1);
    let mismatches = 0;
    for (let t = start; t < start + 365 * 86_400_000; t += 7 * 60_000 + 13_000) {
      const p = Object.fromEntries(
        f
          .formatToParts(new Date(t))
          .filter((x) => x.type !== 'literal')
          .map((x) => [x.type, Number(x.value)]),
      );
      const w = wallClock(tz, t);
      if (w.y !== p.year || w.mo !== p.month || w.d !== p.day || w.h !== p.hour || w.mi !== p.minute || w.s !== p.second) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('instantOf', () => {
  it('agrees with datetimeInstant, per trigger, for each profile', () => {
    const p = profile({ appointment_at: '2026-12-08T10:00:00Z' }, 'Asia/Kolkata');
    const triggers = [
      trig(),
      trig({ at: '09:30' }),
      trig({ at: '09:30', timezone: 'UTC' }),
      trig({ offset: '2h' }),
      trig({ property: 'missing' }),
    ];
    const fns = triggers.map(instantOf);
    for (let round = 0; round < 2; round++) {
      triggers.forEach((t, i) => {
        expect(fns[i](p)).toBe(datetimeInstant(t, p));
      });
    }
    // A new profile object (profiles are replaced on update) is computed afresh.
    const moved = profile({ appointment_at: '2027-01-10T10:00:00Z' }, 'Asia/Kolkata');
    expect(fns[0](moved)).toBe(Date.UTC(2027, 0, 5, 10));
  });
});
