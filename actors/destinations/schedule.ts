/**
 * When a failed delivery is tried again: exponential backoff from `firstMs`, doubling, capped at
 * `maxMs` between tries, for `forMs` in all; then the entry is counted failed. The real schedule
 * is 2 s, 4 s, 8 s … 8.5 min, then every 10 min, for 24 h (about 150 tries).
 */
export interface RetrySchedule {
  /** Delay before the first retry. */
  firstMs: number;
  /** Longest delay between two tries. */
  maxMs: number;
  /** How long an entry is retried, counted from its first try, before it is given up on. */
  forMs: number;
}

/** The production schedule (docs/destinations.md, "Retries"). */
export const RETRY_SCHEDULE: RetrySchedule = { firstMs: 2_000, maxMs: 600_000, forMs: 86_400_000 };

/** Delay after failed try number `attempt` (1 = the first try) before the next one. */
export function retryDelay(s: RetrySchedule, attempt: number): number {
  // 2 ** 40 is far past any cap: no overflow for absurd attempt counts.
  return Math.min(s.maxMs, s.firstMs * 2 ** Math.min(attempt - 1, 40));
}

/** Time from the first try to try number `attempt`, following the schedule. */
export function elapsedBefore(s: RetrySchedule, attempt: number): number {
  let t = 0;
  for (let a = 1; a < attempt; a++) t += retryDelay(s, a);
  return t;
}

/**
 * The number of tries the schedule makes: the first try plus every retry that starts within
 * `forMs` of it. The attempt count comes from JetStream (delivery count), so the give-up point
 * survives crashes and needs no state of its own.
 */
export function maxAttempts(s: RetrySchedule): number {
  let attempts = 1;
  let elapsed = 0;
  for (;;) {
    elapsed += retryDelay(s, attempts);
    if (elapsed > s.forMs) return attempts;
    attempts++;
  }
}
