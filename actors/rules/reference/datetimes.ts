/**
 * The datetime alphabet: timelines around the 2026 DST changes of Europe/Berlin and
 * America/New_York, appointment values in every accepted spelling near them, and triggers with
 * offsets and local times that fall into the skipped or repeated hour.
 */
import fc from 'fast-check';
import type { DatetimeTrigger, ProfileUpdate } from '../../types.ts';

const HOUR = 3_600_000;
const HALF_HOUR = 30 * 60_000;

/** 01:00 UTC / 07:00 UTC / 06:00 UTC: the instants the clocks change in 2026. */
export const DST_CHANGES = [
  Date.UTC(2026, 2, 29, 1), // Europe/Berlin springs forward 02:00 → 03:00
  Date.UTC(2026, 9, 25, 1), // Europe/Berlin falls back 03:00 → 02:00
  Date.UTC(2026, 2, 8, 7), // America/New_York springs forward 02:00 → 03:00
  Date.UTC(2026, 10, 1, 6), // America/New_York falls back 02:00 → 01:00
] as const;

/** Arrival gaps: ties, minutes, hours, half a day. */
export const DATETIME_GAPS = [0, 60_000, 15 * 60_000, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR] as const;

/** ts − arrival for the events past filters count. */
export const DATETIME_JITTERS = [0, 0, -60_000, 60_000, -HOUR] as const;

/** Past-filter windows on the datetime timeline. */
export const DATETIME_WINDOWS = ['10m', '1h', '1d'] as const;

/** Zones of profiles: the two DST zones, UTC, and a zone without DST at a half-hour offset. */
export const ZONES = ['Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kolkata'] as const;

/** "YYYY-MM-DDTHH:MM:SS+05:30": the same instant written with a non-UTC offset. */
function withOffset(t: number): string {
  const local = new Date(t + 5.5 * HOUR).toISOString().slice(0, 19);
  return `${local}+05:30`;
}

/** Appointment values near `base`: ISO (Z and +05:30), bare dates, epoch ms, junk, and deletion. */
export const appointmentArb = (base: number): fc.Arbitrary<unknown> => {
  const at = fc.integer({ min: -48, max: 144 }).map((k) => base + k * HALF_HOUR);
  return fc.oneof(
    at.map((t) => new Date(t).toISOString()),
    at.map(withOffset),
    at,
    fc.integer({ min: -2, max: 4 }).map((d) => new Date(base + d * 86_400_000).toISOString().slice(0, 10)),
    fc.constantFrom('soon', null),
  );
};

/** Profile updates that set or delete the appointment and change the timezone and filter props. */
export const datetimeProfileArb = (base: number): fc.Arbitrary<Omit<ProfileUpdate, 'userId'>> =>
  fc.record(
    {
      timezone: fc.constantFrom(...ZONES),
      props: fc.record({ appt: appointmentArb(base), city: fc.constantFrom('Pune', 'Berlin', null) }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );

/** Datetime triggers on `appt`: offsets both ways, local times inside the DST gaps and overlaps. */
export const datetimeTriggerArb: fc.Arbitrary<DatetimeTrigger> = fc.record(
  {
    kind: fc.constant('datetime' as const),
    property: fc.constant('appt'),
    offset: fc.constantFrom('0s', '30m', '-90m', '-2h', '1d', '-1d'),
    at: fc.constantFrom('00:00', '01:30', '02:30', '03:00', '09:15', '23:59'),
    timezone: fc.constantFrom('Europe/Berlin', 'America/New_York'),
  },
  { requiredKeys: ['kind', 'property', 'offset'] },
);
