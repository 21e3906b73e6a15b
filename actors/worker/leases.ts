import type { JetStreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { BUCKET_LEASES } from '../bus/names.ts';
import type { Clock } from '../clock.ts';

const encoder = new TextEncoder();

/** A lease as stored: who holds it and until when (its own expiry: per-key TTL is ignored by 2.9). */
export interface Lease {
  owner: string;
  expiresAt: number;
  /** On worker registrations: what the worker last reported about itself (for `liveseg status`). */
  stats?: Record<string, unknown>;
}

export interface LeaseTiming {
  /** How long a lease or registration lives without renewal. */
  ttlMs: number;
  /** How often a worker renews and rebalances (well below ttlMs). */
  heartbeatMs: number;
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = { ttlMs: 10_000, heartbeatMs: 2_000 };

const partitionKey = (p: number) => `partition.${p}`;
const workerKey = (id: string) => `worker.${id}`;

/**
 * Partition leases and worker registrations in the `liveseg_leases` bucket. Every write is a
 * compare-and-set on the key's revision, so two workers can never both believe they won.
 *
 * Expiry is never judged by comparing the holder's clock with this one: a lease or registration
 * has expired when this worker has seen its revision stay the same for a whole TTL, on its own
 * clock (a renewal changes the revision). The holder stops writing a margin before its own TTL,
 * counted from before its renewal was sent, so only the clocks' rates matter, never their
 * offsets; and its writes are conditional anyway (PartitionStore), so even a late one cannot
 * overwrite a new owner's.
 */
export class Leases {
  /** The revision each key was last seen at, and since when (this worker's clock). */
  private readonly seen = new Map<string, { revision: number; since: number }>();
  /** Workers found live by the last `liveWorkers` (before it ran: all). */
  private live?: Set<string>;

  constructor(
    private readonly kv: KV,
    private readonly jsm: JetStreamManager,
    readonly workerId: string,
    private readonly clock: Clock,
    readonly timing: LeaseTiming,
  ) {}

  private lease(stats?: Record<string, unknown>): Uint8Array {
    const lease: Lease = { owner: this.workerId, expiresAt: this.clock.now() + this.timing.ttlMs, ...(stats ? { stats } : {}) };
    return encoder.encode(JSON.stringify(lease));
  }

  /** Announces (or renews) this worker's presence, with its latest stats. */
  async register(stats?: Record<string, unknown>): Promise<void> {
    await this.kv.put(workerKey(this.workerId), this.lease(stats));
  }

  async deregister(): Promise<void> {
    await this.kv.delete(workerKey(this.workerId));
  }

  /**
   * Ids of workers whose registration this worker has seen renewed within a TTL (always including
   * this one; one seen for the first time counts as live until a TTL has passed without renewal).
   */
  async liveWorkers(): Promise<string[]> {
    const ids = new Set([this.workerId]);
    for (const lease of await this.registrationEntries()) ids.add(lease.owner);
    this.live = ids;
    return [...ids].sort();
  }

  /**
   * Registrations whose holder's expiry time is ahead of this clock: for display (`liveseg status`)
   * only, as it compares two machines' clocks; decisions use `liveWorkers`.
   */
  async registrations(): Promise<Lease[]> {
    const now = this.clock.now();
    return (await this.registrationEntries(true)).filter((l) => l.expiresAt > now).sort((a, b) => a.owner.localeCompare(b.owner));
  }

  /** Every registration; unless `all`, only those not seen unchanged for a TTL. */
  private async registrationEntries(all = false): Promise<Lease[]> {
    const out: Lease[] = [];
    // The stream's subject list is a plain API request; kv.keys() would create a consumer, which
    // JetStream 2.9 may place on a dead node of a cluster and then time out.
    const prefix = `$KV.${BUCKET_LEASES}.`;
    const info = await this.jsm.streams.info(`KV_${BUCKET_LEASES}`, { subjects_filter: `${prefix}worker.>` });
    const subjects = Object.keys(info.state.subjects ?? {});
    // Workers gone from the bucket are forgotten: ids change with every restart.
    const present = new Set(subjects.map((s) => s.slice(prefix.length)));
    for (const key of this.seen.keys()) if (key.startsWith(workerKey('')) && !present.has(key)) this.seen.delete(key);
    await Promise.all(
      subjects.map(async (subject) => {
        const key = subject.slice(prefix.length);
        const e = await this.kv.get(key);
        if (e?.operation !== 'PUT') return;
        if (all || !this.unchangedForTtl(key, e.revision)) out.push(e.json<Lease>());
      }),
    );
    return out;
  }

  /** Whether `key` has stayed at `revision` for a whole TTL, as this worker saw it, on its own clock. */
  private unchangedForTtl(key: string, revision: number): boolean {
    const now = this.clock.now();
    const s = this.seen.get(key);
    if (!s || s.revision !== revision) {
      this.seen.set(key, { revision, since: now });
      return false;
    }
    return now - s.since >= this.timing.ttlMs;
  }

  /** Takes partition `p` if it is free or its lease expired; the new revision, or undefined. */
  async claim(p: number): Promise<number | undefined> {
    try {
      const e = await this.kv.get(partitionKey(p));
      if (e?.operation !== 'PUT') {
        return e ? await this.kv.update(partitionKey(p), this.lease(), e.revision) : await this.kv.create(partitionKey(p), this.lease());
      }
      const held = e.json<Lease>();
      // A holder whose registration went stale (watched on every rebalance) is dead even if this
      // worker has not watched its lease for a whole TTL yet.
      const expired = this.unchangedForTtl(partitionKey(p), e.revision) || !(this.live?.has(held.owner) ?? true);
      if (held.owner !== this.workerId && !expired) return undefined;
      return await this.kv.update(partitionKey(p), this.lease(), e.revision);
    } catch {
      return undefined; // someone else won the race
    }
  }

  /** Extends our lease; undefined when it is no longer ours (stop processing at once). */
  async renew(p: number, revision: number): Promise<number | undefined> {
    try {
      return await this.kv.update(partitionKey(p), this.lease(), revision);
    } catch {
      return undefined;
    }
  }

  /** Gives a partition up (after its effects are flushed). */
  async release(p: number, revision: number): Promise<void> {
    await this.kv.delete(partitionKey(p), { previousSeq: revision }).catch(() => undefined);
  }

  /** Current holder of every partition's lease, for `liveseg status`. */
  async owners(partitions: number): Promise<Array<Lease | undefined>> {
    return Promise.all(
      [...Array(partitions).keys()].map(async (p) => {
        const e = await this.kv.get(partitionKey(p));
        return e && e.operation === 'PUT' ? e.json<Lease>() : undefined;
      }),
    );
  }
}
