import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm, type KV, type KvWatchEntry } from '@nats-io/kv';
import { BUCKET_SEGMENTS, STREAM_ENTRIES } from '../bus/names.ts';
import { logText } from '../errors.ts';
import { silentLogger, type Logger } from '../logger.ts';
import {
  CONSUMER_SETTINGS,
  type ConsumerSettings,
  deleteDeliveryConsumers,
  destinationOfConsumer,
  listDeliveryConsumers,
} from './consumers.ts';
import { Lane, type LaneDeps } from './lane.ts';
import { RETRY_SCHEDULE, type RetrySchedule } from './schedule.ts';
import { DELIVERY_TIMEOUT_MS } from './send.ts';
import { emptyStats, isEmpty, mergeStats } from './stats.ts';
import { DEFINITIONS, definitionKey, type DestinationStore, openDestinationStore, readDestination } from './store.ts';
import type { TargetPolicy } from './target.ts';
import type { RecentDelivery } from './types.ts';

/** How a deliverer runs (docs/destinations.md). */
export interface DelivererOptions {
  /** Which targets may be reached; checked on the resolved address before every request. */
  policy: TargetPolicy;
  log?: Logger;
  /** Retry timing (tests shorten it). */
  schedule?: RetrySchedule;
  timeoutMs?: number;
  consumer?: Partial<ConsumerSettings>;
  /** Requests in flight per destination from this process (default 16). */
  concurrency?: number;
  /** Requests per second per destination from this process (default 1,000). */
  ratePerSecond?: number;
  /** How often counts are added to the stored stats (default 1 s). */
  flushMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
  /** Called after every attempt. */
  onAttempt?: (destinationId: string, d: RecentDelivery) => void;
}

/** What a deliverer has done since it started. */
export interface DelivererStats {
  destinations: number;
  delivered: number;
  retried: number;
  failed: number;
}

/**
 * Delivers entries to every destination in `liveseg_destinations`: watches the bucket, runs one
 * Lane per destination, and adds its counts to the stored stats every second. Any number of
 * processes may run one: they share each durable consumer, so the work is split between them and
 * what a dead one had in hand is handed out again after ack_wait.
 */
export class Deliverer {
  private readonly lanes = new Map<string, Lane>();
  private readonly names = new Map<string, Promise<string>>();
  private readonly totals: DelivererStats = { destinations: 0, delivered: 0, retried: 0, failed: 0 };
  private stopWatch?: () => void;
  private flusher?: ReturnType<typeof setInterval>;
  private flushing?: Promise<void>;
  private stopped = false;

  private constructor(
    private readonly store: DestinationStore,
    private readonly jsm: JetStreamManager,
    private readonly segmentsKv: KV,
    private readonly deps: LaneDeps,
  ) {}

  /** Starts delivering; resolves once the destinations that exist now are running. */
  static async start(nc: NatsConnection, o: DelivererOptions): Promise<Deliverer> {
    const kvm = new Kvm(nc);
    const jsm = await jetstreamManager(nc);
    const store = await openDestinationStore(kvm);
    const log = o.log ?? silentLogger;
    const deliverer: Deliverer = new Deliverer(store, jsm, await kvm.open(BUCKET_SEGMENTS), {
      js: jetstream(nc),
      jsm,
      log,
      schedule: o.schedule ?? RETRY_SCHEDULE,
      consumer: { ...CONSUMER_SETTINGS, ...o.consumer },
      send: { policy: o.policy, timeoutMs: o.timeoutMs ?? DELIVERY_TIMEOUT_MS, now: o.now, fetch: o.fetch },
      concurrency: o.concurrency ?? 16,
      ratePerSecond: o.ratePerSecond ?? 1000,
      segmentName: (id) => deliverer.segmentName(id),
      now: o.now ?? (() => Date.now()),
      onAttempt: (id, d) => {
        deliverer.count(d);
        o.onAttempt?.(id, d);
      },
    });
    await deliverer.watch();
    void deliverer.sweep();
    deliverer.flusher = setInterval(() => void deliverer.flush(), o.flushMs ?? 1000);
    return deliverer;
  }

  /** Counts since start, and the destinations running. */
  stats(): DelivererStats {
    return { ...this.totals, destinations: this.lanes.size };
  }

  /** Stops every lane (requests in flight finish), then writes the last counts. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopWatch?.();
    clearInterval(this.flusher);
    await Promise.all([...this.lanes.values()].map((l) => l.stop()));
    await this.flush();
  }

  /** Adds each lane's counts to its stored stats; counts that could not be written wait for the next flush. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const run = (async () => {
      for (const [id, lane] of this.lanes) {
        if (isEmpty(lane.delta)) continue;
        const delta = lane.delta;
        lane.delta = emptyStats();
        await this.store.addStats(id, delta).catch((err) => {
          lane.delta = mergeStats(delta, lane.delta);
          this.deps.log.warn('could not write destination stats', { destination: id, err: logText(err) });
        });
      }
    })();
    // Cleared after the run, not inside it: a run with nothing to write ends before it is stored.
    this.flushing = run.finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private count(d: RecentDelivery): void {
    if (d.outcome === 'delivered') this.totals.delivered++;
    if (d.outcome === 'retrying') this.totals.retried++;
    if (d.outcome === 'failed') this.totals.failed++;
  }

  /** The name of a segment for the payload; read once per segment (a segment never changes). */
  private segmentName(id: string): Promise<string> {
    let name = this.names.get(id);
    if (!name) {
      name = this.segmentsKv.get(id).then(
        (e) => {
          try {
            const n = e?.operation === 'PUT' ? (e.json<{ name?: unknown }>().name as unknown) : undefined;
            return typeof n === 'string' ? n : '';
          } catch {
            return '';
          }
        },
        (err) => {
          this.names.delete(id);
          throw err;
        },
      );
      this.names.set(id, name);
    }
    return name;
  }

  /** Follows the definitions: a new one starts a lane, a removed one stops its lane and its consumers. */
  private async watch(): Promise<void> {
    let loaded!: () => void;
    const ready = new Promise<void>((r) => {
      loaded = r;
    });
    const iter = await this.store.kv.watch({ key: DEFINITIONS });
    this.stopWatch = () => iter.stop();
    void (async () => {
      for await (const e of iter) {
        if (this.stopped) break;
        await this.apply(e);
        // delta 0: the last value stored when the watch began (later ones are updates).
        if (e.delta === 0 || e.isUpdate) loaded();
      }
    })().catch((err) => this.deps.log.error('destination watch ended', { err: logText(err) }));
    // Nothing stored yet: no value will say the initial ones are in.
    let any = false;
    for await (const _ of await this.store.kv.keys(DEFINITIONS)) any = true;
    if (!any) loaded();
    await Promise.race([ready, new Promise((r) => setTimeout(r, 5000))]);
  }

  private async apply(e: KvWatchEntry): Promise<void> {
    const id = e.key.slice(definitionKey('').length);
    if (e.operation === 'PUT') {
      const d = readDestination(e.string());
      if (!d || this.lanes.has(id)) return;
      const lane = new Lane(d, this.deps);
      this.lanes.set(id, lane);
      lane.start();
      this.deps.log.info('delivering to destination', { destination: id, segments: d.segments.length });
      return;
    }
    const lane = this.lanes.get(id);
    this.lanes.delete(id);
    if (!lane) return;
    await lane.stop();
    await deleteDeliveryConsumers(this.jsm, lane.dest);
    this.deps.log.info('destination removed', { destination: id });
  }

  /** Deletes delivery consumers whose destination is gone (removed while no deliverer ran). */
  private async sweep(): Promise<void> {
    try {
      for (const name of await listDeliveryConsumers(this.jsm)) {
        const id = destinationOfConsumer(name);
        if (!id || this.lanes.has(id)) continue;
        // Asked again right before deleting: it may have been created since the watch started.
        const e = await this.store.kv.get(definitionKey(id));
        if (e?.operation !== 'PUT') await this.jsm.consumers.delete(STREAM_ENTRIES, name).catch(() => false);
      }
    } catch (err) {
      this.deps.log.warn('could not sweep delivery consumers', { err: logText(err) });
    }
  }
}
