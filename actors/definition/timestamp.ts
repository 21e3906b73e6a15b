/** Strict timestamps: epoch milliseconds or ISO-8601 strings, the same on every runtime. */

// Date-time needs an explicit offset: a local time would mean different instants on different
// machines. A bare date is midnight UTC, as in ECMAScript. Lower-case t/z are allowed by RFC 3339.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|([+-])(\d{2}):?(\d{2})))?$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (y: number, m: number): number => (m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS[m - 1]);

/**
 * Parses an ISO-8601 date ("2026-12-03") or date-time with offset ("2026-12-03T10:00:00Z",
 * "…+05:30") into epoch ms; undefined when malformed or out of range (e.g. "2026-02-30").
 * Computed with Date.UTC rather than Date.parse, whose leniency differs between engines.
 */
export function parseIsoTimestamp(s: string): number | undefined {
  const m = ISO.exec(s);
  if (m === null) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined;
  if (m[4] === undefined) return utc(y, mo, d, 0, 0, 0, 0);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (h > 23 || mi > 59 || sec > 59) return undefined;
  let offset = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return utc(y, mo, d, h, mi, sec, ms) - offset;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  return t.setUTCFullYear(y);
}

/**
 * Latest accepted timestamp: 9999-12-31T23:59:59.999Z, the last instant a four-digit ISO year can
 * name. Keeping numbers to the same range leaves room for a datetime offset (±3,650 days) inside
 * what `Date` can represent (±8.64e15 ms), so no later date arithmetic throws RangeError.
 */
export const MAX_TIMESTAMP = 253_402_300_799_999;

/**
 * Epoch ms (0 … MAX_TIMESTAMP) from an integer number of ms or an ISO-8601 string; undefined
 * otherwise, out-of-range values included.
 */
export function parseTimestamp(v: unknown): number | undefined {
  const t = typeof v === 'number' ? v : typeof v === 'string' ? parseIsoTimestamp(v) : undefined;
  return t !== undefined && Number.isSafeInteger(t) && t >= 0 && t <= MAX_TIMESTAMP ? t : undefined;
}
