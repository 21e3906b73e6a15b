import { describe, it } from 'vitest';
import type { DatetimeTrigger, SegmentDefinition } from '../../types.ts';
import { entry, expectEntries, profile } from './fixtures.ts';

const HOUR = 3_600_000;
const reminder = (t: Partial<DatetimeTrigger> = {}, extra: Partial<SegmentDefinition> = {}): SegmentDefinition => ({
  name: 'Reminder',
  trigger: { kind: 'datetime', property: 'appt', offset: '0s', ...t },
  ...extra,
});
const BERLIN = { timezone: 'Europe/Berlin' };

describe('datetime: instants across DST changes', () => {
  it('a local time skipped by spring-forward moves forward by the gap (Berlin 02:30 → 03:30 CEST)', () => {
    const set = profile(Date.UTC(2026, 2, 27), { ...BERLIN, props: { appt: '2026-03-29' } });
    expectEntries(reminder({ at: '02:30' }), [set], [entry(Date.UTC(2026, 2, 29, 1, 30))], Date.UTC(2026, 2, 1));
  });

  it('a local time repeated by fall-back takes the earlier instant (Berlin 02:30 CEST)', () => {
    const set = profile(Date.UTC(2026, 9, 23), { ...BERLIN, props: { appt: '2026-10-25' } });
    expectEntries(reminder({ at: '02:30' }), [set], [entry(Date.UTC(2026, 9, 25, 0, 30))], Date.UTC(2026, 9, 1));
  });

  it("the profile's timezone wins over the trigger's; offsets shift the date first", () => {
    const set = profile(Date.UTC(2026, 2, 1), { timezone: 'America/New_York', props: { appt: '2026-03-09T15:00:00Z' } });
    // 2026-03-08 in New York (EDT from 02:00, UTC−4), 09:15 local.
    expectEntries(
      reminder({ offset: '-1d', at: '09:15', timezone: 'Europe/Berlin' }),
      [set],
      [entry(Date.UTC(2026, 2, 8, 13, 15))],
      Date.UTC(2026, 1, 1),
    );
  });
});

describe('datetime: arming, re-arming and disarming', () => {
  const start = Date.UTC(2026, 0, 1);
  const appt = (arrival: number, value: unknown) => profile(arrival, { props: { appt: value } });

  it('an instant already past (or exactly now) when the property is set does not qualify', () => {
    expectEntries(reminder(), [appt(start, start - 1)], [], start - HOUR);
    expectEntries(reminder(), [appt(start, start)], [], start - HOUR);
  });

  it('changing the property re-arms; changing it to the past disarms', () => {
    const moved = [appt(start, start + 2 * HOUR), appt(start + HOUR, start + 5 * HOUR)];
    expectEntries(reminder(), moved, [entry(start + 5 * HOUR)], start - HOUR);
    expectEntries(reminder(), [...moved, appt(start + 2 * HOUR, start)], [], start - HOUR);
  });

  it('a timezone change moves an `at` instant', () => {
    const set = [appt(start, '2026-01-02'), profile(start + HOUR, { timezone: 'America/New_York' })];
    expectEntries(reminder({ at: '09:00' }), set, [entry(Date.UTC(2026, 0, 2, 14))], start - HOUR);
  });

  it('a segment created after the profile exists arms a future instant, not a past one', () => {
    const inputs = [appt(start, start + 2 * HOUR)];
    expectEntries(reminder(), inputs, [entry(start + 2 * HOUR)], start + HOUR);
    expectEntries(reminder(), inputs, [], start + 3 * HOUR);
  });

  it('re-entry every: each new future instant is a new entry', () => {
    const inputs = [appt(start, start + HOUR), appt(start + 2 * HOUR, start + 3 * HOUR)];
    expectEntries(reminder({}, { reentry: 'every' }), inputs, [entry(start + HOUR), entry(start + 3 * HOUR, undefined, 2)], start - HOUR);
    expectEntries(reminder(), inputs, [entry(start + HOUR)], start - HOUR);
  });
});
