import { readFileSync } from 'node:fs';

/** Median of a sample (mean of the middle two for even sizes). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A percentile (0–100) of a sample, nearest rank. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Prints the machine-readable result as the last line. */
export function printJson(result: Record<string, unknown>): void {
  console.log(JSON.stringify(result));
}

/** Busy and total CPU time of the whole machine so far (Linux /proc/stat, in clock ticks). */
export function machineCpu(): { busy: number; total: number } | undefined {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const ticks = fields.map(Number);
    const idle = ticks[3] + (ticks[4] ?? 0); // idle + iowait
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** Share of the machine's CPU that was busy between two machineCpu() readings (0..1), if known. */
export function busyShare(from: ReturnType<typeof machineCpu>, to: ReturnType<typeof machineCpu>): number | undefined {
  if (!from || !to || to.total <= from.total) return undefined;
  return +((to.busy - from.busy) / (to.total - from.total)).toFixed(2);
}
