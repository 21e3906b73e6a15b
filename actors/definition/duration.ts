/** Duration strings of docs/formats.md: `<integer><unit>`, unit s|m|h|d, optional leading '-'. */

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

// Anchored and digit-only on purpose: no floats, no spaces, no '+', no empty number.
const DURATION = /^(-?)(\d{1,16})([smhd])$/;

/** Parses "90s" / "10m" / "-5d" into milliseconds; undefined when malformed or out of safe range. */
export function parseDuration(s: string): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = DURATION.exec(s);
  if (m === null) return undefined;
  const ms = Number(m[2]) * UNIT_MS[m[3] as keyof typeof UNIT_MS];
  if (!Number.isSafeInteger(ms)) return undefined;
  // `-0` would leak into JSON as 0 anyway; keep arithmetic on it boring.
  return m[1] === '-' && ms !== 0 ? -ms : ms;
}

const NAMES: ReadonlyArray<readonly [number, string]> = [
  [UNIT_MS.d, 'day'],
  [UNIT_MS.h, 'hour'],
  [UNIT_MS.m, 'minute'],
  [UNIT_MS.s, 'second'],
  [1, 'millisecond'],
];

/** Formats milliseconds for people: the largest unit that divides exactly ("90 seconds", "1 hour"). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs === 0) return '0 seconds';
  for (const [unit, name] of NAMES) {
    if (abs % unit === 0) {
      const n = abs / unit;
      return `${sign}${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  // Fractional milliseconds only come from arithmetic, never from parseDuration.
  return `${sign}${abs} milliseconds`;
}
