import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { Hono } from 'hono';
import { BUCKET_REPORTS, BUCKET_SEGMENTS, BUCKET_USERS, STREAM_ENTRIES, STREAM_IN, STREAM_MEMBERS } from '../actors/bus/names.ts';
import { Producer } from '../actors/bus/producer.ts';
import { isStreamNotFound, readPartitions } from '../actors/bus/provision.ts';
import { LivesegError } from '../actors/errors.ts';
import { silentLogger, type Logger } from '../actors/logger.ts';
import { SegmentCatalog } from '../actors/segments/catalog.ts';
import { createApp } from './app.ts';
import type { Keys } from './auth.ts';
import type { GatewayEnv } from './env.ts';
import { RateLimiter, type RateLimit } from './rate-limit.ts';
import {
  AckPublisher,
  ActivityMeter,
  ConsumerLag,
  EntryIndex,
  LiveHub,
  RateRecorder,
  RecorderLease,
  type RecorderLeaseTiming,
  SegmentStore,
  UserLookup,
} from './services/index.ts';
import { gatewayMetrics } from './telemetry.ts';
import type { TargetPolicy } from '../actors/destinations/target.ts';
import { openDestinationStore } from '../actors/destinations/store.ts';
import { DestinationService } from './services/destination-service.ts';

/** A running gateway: the app to serve, its services, and how to stop it. */
export interface GatewaySystem {
  app: Hono<GatewayEnv>;
  segments: SegmentStore;
  entries: EntryIndex;
  hub: LiveHub;
  /** The rate history's recorder (`recording` while this gateway holds the recorder lease). */
  rates: RateRecorder;
  stop(): void;
}

/** Options of `createGateway`; see gateway/config.ts for reading them from the environment. */
export interface GatewayOptions {
  keys: Keys;
  log?: Logger;
  now?: () => number;
  /** Per API key (or client address without one); absent: unlimited. */
  rateLimit?: RateLimit;
  /** Origins allowed by CORS (`*` for any); absent or empty: no CORS headers. */
  corsOrigins?: string[];
  /** SSE heartbeat interval (default 15 s). */
  heartbeatMs?: number;
  /** SSE rate tick interval (default 1 s, as the contract says; tests may shorten it). */
  tickMs?: number;
  /** Bucket of the rate history (default 5 s; tests may shorten it). */
  rateBucketMs?: number;
  /** Report projection: run it here (default true) and how often it writes (default 200 ms). */
  projector?: { run?: boolean; flushMs?: number };
  /** Timing of the lease that picks the one gateway recording the rate history (tests shorten it). */
  recorderLease?: RecorderLeaseTiming;
  /** Which destination URLs may be reached (default: public addresses only, names not resolved). */
  destinations?: TargetPolicy;
}

const READY_CACHE_MS = 2000;

/** Wires the gateway's services to a provisioned NATS deployment (runtime-neutral). */
export async function createGateway(nc: NatsConnection, opts: GatewayOptions): Promise<GatewaySystem> {
  const log = opts.log ?? silentLogger;
  const now = opts.now ?? (() => Date.now());
  const jsm = await jetstreamManager(nc);
  const catalog = await SegmentCatalog.open(nc, (m) => log.warn(m));
  const kvm = new Kvm(nc);
  const segmentsKv = await kvm.open(BUCKET_SEGMENTS);
  const segments = new SegmentStore(segmentsKv, catalog, now);
  const js = jetstream(nc);
  // Gateways of a release before the report projection: `liveseg init` adds what they lack.
  const reportsKv = await Promise.all([kvm.open(BUCKET_REPORTS), jsm.streams.info(STREAM_MEMBERS)])
    .then(([kv]) => kv)
    .catch((err) => {
      if (!isStreamNotFound(err)) throw err;
      const message = 'liveseg is not fully provisioned on this NATS (no report streams): run `liveseg init` first';
      throw new LivesegError('not_provisioned', message, { cause: err });
    });
  const entries = new EntryIndex(nc, js, jsm, reportsKv, {
    project: opts.projector?.run,
    flushMs: opts.projector?.flushMs,
    log: (m) => log.warn(m),
  });
  await entries.start();
  // Deleted segments' stats are dropped, so memory does not grow with them. The bucket has the
  // last word: the catalog may learn of a new segment only after the index saw its first entry.
  const dropDeleted = async () => {
    for (const id of entries.segmentIds()) {
      if (catalog.get(id)) continue;
      const e = await segmentsKv.get(id).catch(() => undefined);
      if (e === null || (e && e.operation !== 'PUT')) entries.forget(id);
    }
  };
  const unwatchDeletes = catalog.onChange(() => void dropDeleted());
  void entries.ready().then(dropDeleted);
  // The one Producer decides subjects and ids; AckPublisher only makes publishing cheaper (it
  // implements the `publish` Producer calls, hence the cast).
  const acks = new AckPublisher(nc);
  const producer = new Producer(acks as unknown as JetStreamClient, await readPartitions(nc));
  const destinations = new DestinationService(await openDestinationStore(kvm, now), jsm, opts.destinations ?? { allowPrivate: false }, now);
  const users = new UserLookup(await kvm.open(BUCKET_USERS), producer.partitions, (id) => catalog.get(id)?.name);
  const rates = new RateRecorder(nc, js, jsm, new ActivityMeter(nc), now, {
    bucketMs: opts.rateBucketMs,
    tickMs: opts.tickMs,
    log: (m) => log.warn(m),
  });
  rates.start();
  const lease = new RecorderLease(
    reportsKv,
    crypto.randomUUID(),
    (held) => {
      rates.recording = held;
      log.info(held ? 'recording the rate history' : 'no longer recording the rate history (another gateway does)');
    },
    opts.recorderLease,
  );
  lease.start();
  const hub = new LiveHub(entries.feed, rates);
  const metrics = gatewayMetrics({ entries, hub, lag: new ConsumerLag(jsm, producer.partitions), destinations });

  let connected = true;
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') connected = false;
      if (s.type === 'reconnect') connected = true;
    }
  })();
  // Streams can be deleted under a running gateway; check them, but not on every probe.
  let streams = { at: -Infinity, ok: true };
  const isReady = async () => {
    if (!connected || nc.isClosed()) return false;
    if (performance.now() - streams.at > READY_CACHE_MS) {
      const ok = await Promise.all([jsm.streams.info(STREAM_IN), jsm.streams.info(STREAM_ENTRIES)]).then(
        () => true,
        () => false,
      );
      streams = { at: performance.now(), ok };
    }
    return streams.ok;
  };

  const app = createApp({
    producer,
    segments,
    entries,
    hub,
    rates,
    users,
    destinations,
    metrics,
    keys: opts.keys,
    log,
    now,
    isReady,
    limiter: opts.rateLimit ? new RateLimiter(opts.rateLimit) : undefined,
    corsOrigins: opts.corsOrigins,
    heartbeatMs: opts.heartbeatMs,
  });
  return {
    app,
    segments,
    entries,
    hub,
    rates,
    stop() {
      hub.closeAll();
      rates.stop();
      void lease.stop();
      acks.stop('the gateway is stopping');
      unwatchDeletes();
      entries.stop();
      catalog.stop();
    },
  };
}
