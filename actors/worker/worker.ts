import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BUCKET_TIMERS, BUCKET_USERS } from '../bus/names.ts';
import { readPartitions } from '../bus/provision.ts';
import { systemClock, type Clock } from '../clock.ts';
import { silentLogger, type Logger } from '../logger.ts';
import type { UserActor } from '../user/index.ts';
import { SegmentCatalog } from '../segments/catalog.ts';
import { PinnedLru } from './lru.ts';
import { PartitionRunner } from './partition-runner.ts';
import { PartitionStore } from './user-store.ts';

export interface WorkerOptions {
  id: string;
  /** This worker's share of the partitions: index of count (default: all partitions). */
  shard?: { index: number; count: number };
  /** Hot user actors kept in memory (others live only in NATS). */
  cacheSize?: number;
  clock?: Clock;
  log?: Logger;
}

export interface WorkerStats {
  id: string;
  partitions: number[];
  processed: number;
  entries: number;
  rejected: number;
  hotUsers: number;
  pendingTimers: number;
}

/** A worker process's engine: hosts partitions of LIVESEG_IN and the user actors in them. */
export class Worker {
  private constructor(
    readonly id: string,
    private readonly runners: PartitionRunner[],
    private readonly catalog: SegmentCatalog,
    private readonly cache: PinnedLru<UserActor>,
  ) {}

  /** Connects to a provisioned deployment and starts processing this worker's partitions. */
  static async start(nc: NatsConnection, opts: WorkerOptions): Promise<Worker> {
    const log = opts.log ?? silentLogger;
    const partitions = await readPartitions(nc);
    const shard = opts.shard ?? { index: 0, count: 1 };
    const mine = [...Array(partitions).keys()].filter((p) => p % shard.count === shard.index);
    const catalog = await SegmentCatalog.open(nc, (m) => log.warn(m));
    const cache = new PinnedLru<UserActor>(opts.cacheSize ?? 100_000);
    const deps = { js: jetstream(nc), jsm: await jetstreamManager(nc), catalog, cache, clock: opts.clock ?? systemClock, log };
    const kvm = new Kvm(nc);
    const [users, timers] = await Promise.all([kvm.open(BUCKET_USERS), kvm.open(BUCKET_TIMERS)]);
    const runners = mine.map((p) => new PartitionRunner(p, deps, new PartitionStore(users, timers, p)));
    await Promise.all(runners.map((r) => r.start()));
    log.info('worker started', { worker: opts.id, partitions: mine });
    return new Worker(opts.id, runners, catalog, cache);
  }

  stats(): WorkerStats {
    const sum = (f: (r: PartitionRunner) => number) => this.runners.reduce((a, r) => a + f(r), 0);
    return {
      id: this.id,
      partitions: this.runners.map((r) => r.partition),
      processed: sum((r) => r.processed),
      entries: sum((r) => r.entries),
      rejected: sum((r) => r.rejected),
      hotUsers: this.cache.size,
      pendingTimers: sum((r) => r.pendingTimers),
    };
  }

  /** Drains every partition and flushes all effects. */
  async stop(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
    this.catalog.stop();
  }
}
