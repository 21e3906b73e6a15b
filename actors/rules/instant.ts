import { parseDuration } from '../definition/duration.ts';
import { parseTimestamp } from '../definition/timestamp.ts';
import type { DatetimeTrigger, Profile } from '../types.ts';

const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    // Building a DateTimeFormat costs ~50 µs; one per zone is reused.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(tz, f);
  }
  return f;
}

/** Wall-clock fields of instant `t` in zone `tz`, at second precision, straight from Intl. */
function formatWall(tz: string, t: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p: Record<string, number> = {};
  for (const part of formatFor(tz).formatToParts(new Date(t))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute, s: p.second };
}

function formatOffset(tz: string, t: number): number {
  const w = formatWall(tz, t);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(t / 1000) * 1000;
}

const HOUR = 3_600_000;
/** Offset per zone and UTC hour, NaN for an hour with a transition in it. */
const hourOffsets = new Map<string, number>();
const MAX_CACHED_HOURS = 100_000;

/**
 * Offset of `tz` from UTC at instant `t`, in ms (local minus UTC). formatToParts costs ~10 µs and a
 * datetime trigger needs five, so offsets are cached per UTC hour: an hour whose first and last
 * second have the same offset has no transition in it (zones change at most once in an hour).
 */
function offsetAt(tz: string, t: number): number {
  const hour = Math.floor(t / HOUR);
  const key = `${tz}|${hour}`;
  let o = hourOffsets.get(key);
  if (o === undefined) {
    const first = formatOffset(tz, hour * HOUR);
    o = first === formatOffset(tz, hour * HOUR + HOUR - 1000) ? first : NaN;
    if (hourOffsets.size >= MAX_CACHED_HOURS) hourOffsets.clear();
    hourOffsets.set(key, o);
  }
  return Number.isNaN(o) ? formatOffset(tz, t) : o;
}

/** Wall-clock fields of instant `t` in zone `tz` (to the second). */
export function wallClock(tz: string, t: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const d = new Date(Math.floor(t / 1000) * 1000 + offsetAt(tz, t));
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
  };
}

/**
 * The instant of local time y-mo-d h:mi in `tz`. A time skipped by a DST change (spring forward)
 * moves forward by the gap, like a wall clock would; a time that occurs twice (fall back) is the
 * earlier of the two.
 */
export function localToInstant(tz: string, y: number, mo: number, d: number, h: number, mi: number): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const before = offsetAt(tz, wall - 86_400_000);
  const after = offsetAt(tz, wall + 86_400_000);
  const valid = [wall - before, wall - after].filter((t) => offsetAt(tz, t) === wall - t);
  return valid.length ? Math.min(...valid) : wall - before;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const AT = /^(\d{2}):(\d{2})$/;

/**
 * When a `datetime` trigger fires for a profile: `props[property] + offset`, or with `at`, that
 * local time on that date in the profile's zone, else the trigger's, else UTC. A date without a
 * time ("2026-12-03") is a calendar date: midnight local time. Undefined when the property is
 * missing, not a timestamp, or out of range (after 9999-12-31: see MAX_TIMESTAMP).
 */
export function datetimeInstant(t: DatetimeTrigger, profile: Profile): number | undefined {
  const i = computeInstant(t, profile);
  // Belt and braces: parseTimestamp bounds the property, but an instant must stay a valid Date.
  return i !== undefined && Math.abs(i) <= MAX_DATE_MS ? i : undefined;
}

/** The largest |epoch ms| a Date can hold. */
const MAX_DATE_MS = 8.64e15;

function computeInstant(t: DatetimeTrigger, profile: Profile): number | undefined {
  const raw = profile.props[t.property];
  const tz = profile.timezone ?? t.timezone ?? 'UTC';
  const offset = parseDuration(t.offset) ?? 0;
  const at = t.at ? AT.exec(t.at) : null;
  const dateOnly = typeof raw === 'string' ? DATE_ONLY.exec(raw) : null;
  if (dateOnly) {
    // A calendar date is shifted as a date, then placed at local midnight (or `at`) in the zone.
    const shifted = new Date(Date.UTC(+dateOnly[1], +dateOnly[2] - 1, +dateOnly[3]) + offset);
    const h = at ? +at[1] : shifted.getUTCHours();
    const mi = at ? +at[2] : shifted.getUTCMinutes();
    return localToInstant(tz, shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate(), h, mi);
  }
  const base = parseTimestamp(raw);
  if (base === undefined) return undefined;
  if (!at) return base + offset;
  const w = wallClock(tz, base + offset);
  return localToInstant(tz, w.y, w.mo, w.d, +at[1], +at[2]);
}

const memo = new WeakMap<Profile, Map<string, number | undefined>>();

/**
 * datetimeInstant of `t` as a function of the profile, computed once per profile object (profiles
 * are replaced, never changed in place) and trigger: one step asks up to three times per segment,
 * and segments often share a trigger.
 */
export function instantOf(t: DatetimeTrigger): (profile: Profile) => number | undefined {
  const key = [t.property, t.offset, t.at ?? '', t.timezone ?? ''].join('\u0000');
  return (profile) => {
    let byTrigger = memo.get(profile);
    if (!byTrigger) memo.set(profile, (byTrigger = new Map()));
    if (byTrigger.has(key)) return byTrigger.get(key);
    const i = datetimeInstant(t, profile);
    byTrigger.set(key, i);
    return i;
  };
}
