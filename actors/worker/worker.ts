import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { AckPublisher } from '../bus/ack-publisher.ts';
import { KvPipe } from '../bus/kv-pipe.ts';
import { BUCKET_LEASES, BUCKET_TIMERS, BUCKET_USERS } from '../bus/names.ts';
import { fnv1a32 } from '../bus/partition.ts';
import { readPartitions } from '../bus/provision.ts';
import { systemClock, type Clock } from '../clock.ts';
import { silentLogger, type Logger } from '../logger.ts';
import { SegmentCatalog } from '../segments/catalog.ts';
import { DEFAULT_LEASE_TIMING, Leases, type LeaseTiming } from './leases.ts';
import { PartitionRunner, type RunnerDeps } from './partition-runner.ts';
import { SnapshotCache } from './snapshot-cache.ts';
import { EntryLog } from './entry-log.ts';
import { PartitionStore, type UserBuckets, type WriteFault } from './user-store.ts';

/** Labels a failing step of a heartbeat, so logs say what timed out. */
const step = <T>(what: string, p: Promise<T>): Promise<T> =>
  p.catch((err) => {
    throw new Error(`${what}: ${String(err)}`, { cause: err });
  });

export interface WorkerOptions {
  id: string;
  /** Hot users kept in memory as snapshots (others live only in NATS): at most this many… */
  cacheSize?: number;
  /** …and at most this many bytes. */
  cacheBytes?: number;
  clock?: Clock;
  log?: Logger;
  leases?: Partial<LeaseTiming>;
  /**
   * A second connection for leases and heartbeats. Under load, thousands of in-flight writes on
   * the data connection delay a renewal past its lease (measured: 100k events took 25 s instead
   * of 1.2 s through lease churn); a control connection keeps renewals prompt.
   */
  control?: NatsConnection;
  /** Test only: stops writes at a point between a cut's writes (see WriteFault). */
  fault?: WriteFault;
}

export interface WorkerStats {
  id: string;
  partitions: number[];
  processed: number;
  entries: number;
  rejected: number;
  /** Inputs, records and windows dead-lettered or skipped because applying them failed for good. */
  poisoned: number;
  hotUsers: number;
  pendingTimers: number;
}

interface Owned {
  runner: PartitionRunner;
  revision: number;
  /** Until when this worker may write for the partition (its lease, minus a safety margin). */
  validUntil: number;
}

/**
 * A worker process's engine: registers itself, holds partition leases (rebalanced to
 * ceil(P / workers) each), and hosts the partitions' user actors. Leases are renewed on a
 * heartbeat; a worker that cannot renew stops writing before its lease can expire.
 */
export class Worker {
  private readonly owned = new Map<number, Owned>();
  /** Counters of partitions this worker no longer holds, so stats are totals since start. */
  private readonly retired = { processed: 0, entries: 0, rejected: 0, poisoned: 0 };
  private heartbeat?: ReturnType<typeof setTimeout>;
  private round?: Promise<void>;
  private stopping = false;
  private balancing?: Promise<void>;
  /** Partition starts still running (awaited by start() and stop()). */
  private readonly starting = new Set<Promise<void>>();

  private constructor(
    readonly id: string,
    private readonly partitions: number,
    private readonly leases: Leases,
    private readonly deps: RunnerDeps,
    private readonly buckets: UserBuckets,
    private readonly catalog: SegmentCatalog,
    private readonly cache: SnapshotCache,
  ) {}

  /** Connects to a provisioned deployment, claims its share of partitions and starts processing. */
  static async start(nc: NatsConnection, opts: WorkerOptions): Promise<Worker> {
    const log = opts.log ?? silentLogger;
    const clock = opts.clock ?? systemClock;
    const partitions = await readPartitions(nc);
    const catalog = await SegmentCatalog.open(nc, (m) => log.warn(m));
    const cache = new SnapshotCache(opts.cacheSize ?? 100_000, opts.cacheBytes ?? 64 * 2 ** 20);
    const kvm = new Kvm(nc);
    const control = opts.control ?? nc;
    const [users, timers, leaseKv] = await Promise.all([
      kvm.open(BUCKET_USERS),
      kvm.open(BUCKET_TIMERS),
      new Kvm(control).open(BUCKET_LEASES),
    ]);
    const timing = { ...DEFAULT_LEASE_TIMING, ...opts.leases };
    const acks = new AckPublisher(nc);
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const buckets: UserBuckets = {
      users,
      timers,
      userPipe: new KvPipe(acks, BUCKET_USERS),
      timerPipe: new KvPipe(acks, BUCKET_TIMERS),
      entries: await EntryLog.open(acks, js, jsm, clock),
      fault: opts.fault,
    };
    const deps = { js, jsm, acks, catalog, cache, clock, log };
    const leases = new Leases(leaseKv, await jetstreamManager(control), opts.id, clock, timing);
    const worker = new Worker(opts.id, partitions, leases, deps, buckets, catalog, cache);
    await worker.renew();
    // Renewals start before the first claims: claiming under a backlog can outlast a lease.
    worker.schedule();
    worker.balancing = worker.balance().finally(() => {
      worker.balancing = undefined;
    });
    await worker.balancing;
    await Promise.all(worker.starting);
    log.info('worker started', { worker: opts.id, partitions: worker.stats().partitions });
    return worker;
  }

  stats(): WorkerStats {
    const runners = [...this.owned.values()].map((o) => o.runner);
    const sum = (f: (r: PartitionRunner) => number) => runners.reduce((a, r) => a + f(r), 0);
    return {
      id: this.id,
      partitions: runners.map((r) => r.partition).sort((a, b) => a - b),
      processed: this.retired.processed + sum((r) => r.processed),
      entries: this.retired.entries + sum((r) => r.entries),
      rejected: this.retired.rejected + sum((r) => r.rejected),
      poisoned: this.retired.poisoned + sum((r) => r.poisoned),
      hotUsers: this.cache.size + sum((r) => r.liveUsers),
      pendingTimers: sum((r) => r.pendingTimers),
    };
  }

  /** Pending windows per partition held. */
  timersByPartition(): Record<number, number> {
    return Object.fromEntries([...this.owned].map(([p, o]) => [p, o.runner.pendingTimers]));
  }

  /** Drains every partition, flushes all effects, releases the leases and deregisters. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.heartbeat);
    await this.round;
    await this.balancing;
    await Promise.all(this.starting);
    await Promise.all([...this.owned.keys()].map((p) => this.release(p)));
    await this.leases.deregister().catch(() => undefined);
    this.catalog.stop();
    this.deps.acks.stop('the worker stopped');
  }

  /**
   * Every heartbeat renews the leases; rebalancing (listing workers, handing over, claiming) runs
   * beside it and may take longer under load without ever delaying a renewal.
   */
  private schedule(): void {
    if (this.stopping) return;
    this.heartbeat = setTimeout(() => {
      this.round = this.renew()
        .catch((err) => this.deps.log.warn('lease renewal failed', { worker: this.id, err: String(err) }))
        .finally(() => {
          this.balancing ??= this.balance()
            .catch((err) => this.deps.log.warn('rebalance failed', { worker: this.id, err: String(err) }))
            .finally(() => {
              this.balancing = undefined;
            });
          this.schedule();
        });
    }, this.leases.timing.heartbeatMs);
  }

  /** Announces this worker and renews every lease it holds (all at once: one slow request must not starve the others). */
  private async renew(): Promise<void> {
    const { ttlMs, heartbeatMs } = this.leases.timing;
    await step('register', this.leases.register({ ...this.stats(), timersByPartition: this.timersByPartition() }));
    await Promise.all(
      [...this.owned].map(async ([p, o]) => {
        const renewedAt = this.deps.clock.now();
        const revision = await this.leases.renew(p, o.revision);
        if (revision === undefined) {
          this.deps.log.warn('lease lost', { worker: this.id, partition: p });
          await o.runner.abort();
          return;
        }
        o.revision = revision;
        o.validUntil = renewedAt + ttlMs - heartbeatMs;
      }),
    );
  }

  /** Gives up or claims partitions to reach this worker's fair share, ceil(P / live workers). */
  private async balance(): Promise<void> {
    const { ttlMs, heartbeatMs } = this.leases.timing;
    if (this.stopping) return;
    const workers = await step('list workers', this.leases.liveWorkers());
    const share = Math.ceil(this.partitions / workers.length);
    // Give up the highest-numbered extras first, so every worker converges on the same layout.
    const extras = [...this.owned.keys()].sort((a, b) => b - a).slice(0, Math.max(0, this.owned.size - share));
    for (const p of extras) await this.release(p);
    if (this.owned.size >= share) return;
    const offset = fnv1a32(this.id) % this.partitions;
    for (let i = 0; i < this.partitions && this.owned.size < share; i++) {
      const p = (offset + i) % this.partitions;
      if (this.owned.has(p)) continue;
      // Validity counts from this claim's own request, not the round's start: a round can be slow.
      const claimedAt = this.deps.clock.now();
      const revision = await step('claim', this.leases.claim(p));
      if (revision === undefined) continue;
      const owned: Owned = { runner: undefined as unknown as PartitionRunner, revision, validUntil: claimedAt + ttlMs - heartbeatMs };
      owned.runner = new PartitionRunner(
        p,
        this.deps,
        new PartitionStore(this.buckets, p),
        () => owned.validUntil > this.deps.clock.now(),
        // A runner that stopped itself is replaced on the next heartbeat, replaying from its ack floor.
        () => {
          if (this.owned.get(p) === owned) this.retire(p);
        },
      );
      this.owned.set(p, owned);
      // Partitions start in the background: under load a start can take seconds, and neither the
      // claims that follow nor the next renewal may wait for it.
      const start = owned.runner.start().then(
        () => this.deps.log.info('partition taken', { worker: this.id, partition: p }),
        async (err) => {
          // Half-started (e.g. a timeout while NATS fails over): drop it; a later heartbeat retries.
          this.deps.log.warn('partition start failed', { worker: this.id, partition: p, err: String(err) });
          await owned.runner.abort();
        },
      );
      this.starting.add(start);
      void start.finally(() => this.starting.delete(start));
    }
  }

  private retire(p: number): void {
    const r = this.owned.get(p)!.runner;
    this.retired.processed += r.processed;
    this.retired.entries += r.entries;
    this.retired.rejected += r.rejected;
    this.retired.poisoned += r.poisoned;
    this.owned.delete(p);
  }

  private async release(p: number): Promise<void> {
    const o = this.owned.get(p);
    if (!o) return;
    await o.runner.stop();
    this.retire(p);
    await this.leases.release(p, o.revision);
    this.deps.log.info('partition released', { worker: this.id, partition: p });
  }
}
