/** Requests per second and the burst a client may spend at once. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * Token buckets by client: each holds up to `burst` tokens and refills at `perSecond`. Memory is
 * bounded: when more than `maxBuckets` clients are tracked, full (idle) buckets are dropped
 * first, then the oldest.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
    private readonly maxBuckets = 10_000,
  ) {}

  /** Takes one token for `id`: 0 when allowed, else the seconds to wait (≥ 1) for the next one. */
  take(id: string): number {
    const t = this.now();
    let b = this.buckets.get(id);
    if (!b) {
      if (this.buckets.size >= this.maxBuckets) this.evict(t);
      this.buckets.set(id, (b = { tokens: this.limit.burst, at: t }));
    } else {
      b.tokens = Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.perSecond);
      b.at = t;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.limit.perSecond));
  }

  private evict(t: number): void {
    for (const [id, b] of this.buckets) {
      if (b.tokens + ((t - b.at) / 1000) * this.limit.perSecond >= this.limit.burst) this.buckets.delete(id);
    }
    if (this.buckets.size < this.maxBuckets) return;
    // Map order is insertion order: the first ones are the longest tracked.
    const drop = this.buckets.size - this.maxBuckets + 1;
    let i = 0;
    for (const id of this.buckets.keys()) {
      if (i++ >= drop) break;
      this.buckets.delete(id);
    }
  }
}
