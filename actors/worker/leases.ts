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
 */
export class Leases {
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

  /** Ids of workers whose registration has not expired (always including this one). */
  async liveWorkers(): Promise<string[]> {
    const ids = new Set([this.workerId]);
    for (const l of await this.registrations()) ids.add(l.owner);
    return [...ids].sort();
  }

  /** Registrations of the workers that have not expired. */
  async registrations(): Promise<Lease[]> {
    const now = this.clock.now();
    const out: Lease[] = [];
    // The stream's subject list is a plain API request; kv.keys() would create a consumer, which
    // JetStream 2.9 may place on a dead node of a cluster and then time out.
    const prefix = `$KV.${BUCKET_LEASES}.`;
    const info = await this.jsm.streams.info(`KV_${BUCKET_LEASES}`, { subjects_filter: `${prefix}worker.>` });
    await Promise.all(
      Object.keys(info.state.subjects ?? {}).map(async (subject) => {
        const e = await this.kv.get(subject.slice(prefix.length));
        if (e?.operation !== 'PUT') return;
        const l = e.json<Lease>();
        if (l.expiresAt > now) out.push(l);
      }),
    );
    return out.sort((a, b) => a.owner.localeCompare(b.owner));
  }

  /** Takes partition `p` if it is free or its lease expired; the new revision, or undefined. */
  async claim(p: number): Promise<number | undefined> {
    try {
      const e = await this.kv.get(partitionKey(p));
      if (e?.operation !== 'PUT') {
        return e ? await this.kv.update(partitionKey(p), this.lease(), e.revision) : await this.kv.create(partitionKey(p), this.lease());
      }
      const held = e.json<Lease>();
      if (held.owner !== this.workerId && held.expiresAt > this.clock.now()) return undefined;
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
