/** IANA time-zone validation through Intl (works the same on Node, Deno and browsers). */

// Constructing Intl.DateTimeFormat costs tens of microseconds; the set of zones is small.
const known = new Map<string, boolean>();
const CACHE_LIMIT = 2_000;

// Offsets such as "+05:30" are not IANA names, and only newer runtimes accept them in Intl.
const SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** True when `tz` is an IANA time-zone name the runtime knows ("Asia/Kolkata", "UTC"). */
export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.length > 64 || !SHAPE.test(tz)) return false;
  const hit = known.get(tz);
  if (hit !== undefined) return hit;
  let ok: boolean;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: tz });
    ok = true;
  } catch {
    ok = false;
  }
  if (known.size < CACHE_LIMIT) known.set(tz, ok);
  return ok;
}
