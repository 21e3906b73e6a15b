import type { RecentDelivery, StoredStats } from './types.ts';

/** Upper bounds (ms) of the delivery latency histogram. */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;
/** Recent attempts kept per destination. */
export const RECENT_DELIVERIES = 20;

/** Stats of a destination that has had no attempt yet. */
export const emptyStats = (): StoredStats => ({
  delivered: 0,
  retrying: 0,
  failed: 0,
  attempts: { ok: 0, error: 0 },
  latency: LATENCY_BUCKETS_MS.map(() => 0).concat(0),
  latencySumMs: 0,
  recent: [],
});

/** What one attempt changes in a destination's stats. */
export function recordAttempt(s: StoredStats, d: RecentDelivery): void {
  if (d.outcome !== 'test') {
    if (d.outcome === 'delivered') s.delivered++;
    if (d.outcome === 'failed') s.failed++;
    // An entry is "retrying" from its first failed try until it is delivered or given up on.
    if (d.outcome === 'retrying' && d.attempt === 1) s.retrying++;
    if (d.outcome !== 'retrying' && d.attempt > 1) s.retrying--;
    if (d.ok) s.attempts.ok++;
    else s.attempts.error++;
    const i = LATENCY_BUCKETS_MS.findIndex((b) => d.ms <= b);
    s.latency[i < 0 ? LATENCY_BUCKETS_MS.length : i]!++;
    s.latencySumMs += d.ms;
  }
  if (!d.ok && d.error) s.lastError = d.error;
  s.recent.push(d);
  if (s.recent.length > RECENT_DELIVERIES) s.recent.splice(0, s.recent.length - RECENT_DELIVERIES);
}

/**
 * Adds what one process counted (`delta`, built from emptyStats) to the stored record. Counts add
 * up; recent attempts are merged newest last; the newest error wins.
 */
export function mergeStats(stored: StoredStats, delta: StoredStats): StoredStats {
  const recent = [...stored.recent, ...delta.recent].sort((a, b) => a.at - b.at).slice(-RECENT_DELIVERIES);
  // The newest failed attempt says what went wrong last, whichever process saw it.
  const lastError = [...recent].reverse().find((r) => !r.ok && r.error)?.error ?? delta.lastError ?? stored.lastError;
  return {
    delivered: stored.delivered + delta.delivered,
    // Crashes between a failure and its retry's success can leave it short of zero: never show that.
    retrying: Math.max(0, stored.retrying + delta.retrying),
    failed: stored.failed + delta.failed,
    ...(lastError ? { lastError } : {}),
    attempts: { ok: stored.attempts.ok + delta.attempts.ok, error: stored.attempts.error + delta.attempts.error },
    latency: stored.latency.map((n, i) => n + (delta.latency[i] ?? 0)),
    latencySumMs: stored.latencySumMs + delta.latencySumMs,
    recent,
  };
}

/** Whether a delta has anything to add. */
export const isEmpty = (s: StoredStats): boolean => s.recent.length === 0;

/** A stored stats value read defensively: anything unusable counts as none. */
export function readStats(text: string | undefined): StoredStats {
  if (!text) return emptyStats();
  try {
    const v = JSON.parse(text) as StoredStats;
    const base = emptyStats();
    if (typeof v !== 'object' || v === null) return base;
    return {
      ...base,
      ...v,
      attempts: { ...base.attempts, ...v.attempts },
      latency: Array.isArray(v.latency) && v.latency.length === base.latency.length ? v.latency : base.latency,
      recent: Array.isArray(v.recent) ? v.recent : [],
    };
  } catch {
    return emptyStats();
  }
}
