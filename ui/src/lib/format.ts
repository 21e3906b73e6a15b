/** Formatting for people: numbers, dates, relative times and percentages. */

const numberFormat = new Intl.NumberFormat('en-US');
const dateFormat = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** 12,345 */
export const formatNumber = (n: number): string => numberFormat.format(n);

/** "Nov 28, 2026" */
export const formatDate = (ms: number): string => dateFormat.format(ms);

/** "Nov 28, 2026, 03:45 PM" */
export const formatDateTime = (ms: number): string => dateTimeFormat.format(ms);

/** "03:45:12 PM" */
export const formatTime = (ms: number): string => timeFormat.format(ms);

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago" (future times read as "in …"). */
export function formatRelative(ms: number, now: number): string {
  const diff = Math.round((now - ms) / 1000);
  const abs = Math.abs(diff);
  if (abs < 5) return 'just now';
  const [n, unit] =
    abs < 60
      ? [abs, 's']
      : abs < 3600
        ? [Math.floor(abs / 60), 'min']
        : abs < 86_400
          ? [Math.floor(abs / 3600), 'h']
          : [Math.floor(abs / 86_400), 'd'];
  return diff >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}

/** Share as a percentage with one decimal below 10 % ("4.5%", "37%"); 0 when total is 0. */
export function formatPercent(part: number, total: number): string {
  if (total <= 0) return '0%';
  const pct = (part / total) * 100;
  return `${pct > 0 && pct < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** The UTC day ("2026-11-28") as epoch seconds at its midnight, for chart x values. */
export const dayToSeconds = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 1000;
