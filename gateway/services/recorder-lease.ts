import type { KV } from '@nats-io/kv';

/** KV key (in `liveseg_reports`) of the rate recorder's lease: the id of the gateway that records. */
export const RECORDER_LEASE_KEY = 'rates.recorder';

export interface RecorderLeaseTiming {
  /** A holder whose lease has not been renewed for this long (on the claimer's clock) is gone. */
  ttlMs: number;
  /** How often the lease is renewed or looked at (well below ttlMs). */
  stepMs: number;
}

export const DEFAULT_RECORDER_LEASE: RecorderLeaseTiming = { ttlMs: 15_000, stepMs: 3_000 };

/**
 * Which one gateway records the rate history, so that one gateway, not all, receives every input
 * for it. A compare-and-set lease on one KV key: the holder renews it every step; another gateway
 * takes it over once it has seen the key's revision unchanged for a whole TTL on its own clock
 * (clock offsets between machines never matter), or at once when the key is gone (a holder that
 * stopped cleanly deletes it). Two holders for a moment cost nothing: buckets are de-duplicated
 * by `Nats-Msg-Id`.
 */
export class RecorderLease {
  private timer?: ReturnType<typeof setInterval>;
  private seen?: { revision: number; since: number };
  private revision = 0;
  private stepping = false;
  held = false;

  constructor(
    private readonly kv: KV,
    private readonly owner: string,
    private readonly onChange: (held: boolean) => void,
    private readonly timing: RecorderLeaseTiming = DEFAULT_RECORDER_LEASE,
    /** This gateway's own monotonic clock: only how long a revision stayed the same is measured. */
    private readonly clock: () => number = () => performance.now(),
  ) {}

  start(): void {
    if (this.timer) return;
    void this.step();
    this.timer = setInterval(() => void this.step(), this.timing.stepMs);
  }

  /** Stops renewing and gives the lease up, so another gateway takes it over at its next step. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.held) return;
    this.set(false);
    await this.kv.delete(RECORDER_LEASE_KEY, { previousSeq: this.revision }).catch(() => undefined);
  }

  /** Renews, claims or watches the lease once; a failed write means someone else has it. */
  async step(): Promise<void> {
    if (this.stepping) return;
    this.stepping = true;
    try {
      const e = await this.kv.get(RECORDER_LEASE_KEY);
      const now = this.clock();
      const holder = e?.operation === 'PUT' ? e.string() : undefined;
      let claim = holder === undefined || holder === this.owner;
      if (!claim && e) {
        if (this.seen?.revision !== e.revision) this.seen = { revision: e.revision, since: now };
        claim = now - this.seen.since >= this.timing.ttlMs;
      }
      if (!claim) return this.set(false);
      this.revision = await this.kv.put(RECORDER_LEASE_KEY, this.owner, { previousSeq: e?.revision ?? 0 });
      this.set(true);
    } catch {
      this.set(false); // lost a race, or NATS is away: recording resumes once a claim succeeds
    } finally {
      this.stepping = false;
    }
  }

  private set(held: boolean): void {
    if (held === this.held) return;
    this.held = held;
    this.onChange(held);
  }
}
