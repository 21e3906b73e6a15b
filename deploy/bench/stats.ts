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

/** Busy, stolen and total CPU time of the whole machine so far (Linux /proc/stat, in clock ticks). */
export function machineCpu(): { busy: number; steal: number; total: number } | undefined {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields.map(Number);
    const busy = user + nice + system + irq + softirq;
    return { busy, steal, total: busy + idle + iowait + steal };
  } catch {
    return undefined;
  }
}

/**
 * Shares of the machine's CPU between two machineCpu() readings (0..1), if known: busy here, and
 * stolen by the hypervisor (time this VM wanted a core and did not get it).
 */
export function cpuShares(
  from: ReturnType<typeof machineCpu>,
  to: ReturnType<typeof machineCpu>,
): { busy: number; stolen: number } | undefined {
  if (!from || !to || to.total <= from.total) return undefined;
  const total = to.total - from.total;
  return { busy: +((to.busy - from.busy) / total).toFixed(2), stolen: +((to.steal - from.steal) / total).toFixed(2) };
}

/** "machine CPU 44% busy, 25% stolen" (busy only when asked for), or "" when the shares are unknown. */
export function cpuNote(shares: { busy?: number; stolen?: number } | undefined, withBusy = false): string {
  if (shares?.stolen === undefined) return '';
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return `machine CPU ${withBusy && shares.busy !== undefined ? `${pct(shares.busy)} busy, ` : ''}${pct(shares.stolen)} stolen`;
}
