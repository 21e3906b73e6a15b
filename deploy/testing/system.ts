import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstreamManager } from '@nats-io/jetstream';
import { createProducer, type Producer } from '../../actors/bus/producer.ts';
import { provision, type ProvisionOptions } from '../../actors/bus/provision.ts';
import { STREAM_ENTRIES } from '../../actors/bus/names.ts';
import type { Clock } from '../../actors/clock.ts';
import type { TargetPolicy } from '../../actors/destinations/target.ts';
import type { Entry } from '../../actors/types.ts';
import { Worker } from '../../actors/worker/index.ts';
import type { Keys } from '../../gateway/auth.ts';
import { createGateway, type GatewaySystem } from '../../gateway/system.ts';
import { startNatsServer, type NatsServer } from '../nats/index.ts';

/** A whole liveseg on a real nats-server in a temp dir, for integration tests. */
/** The NATS the system runs on: one server or a cluster. */
export type TestNats = Pick<NatsServer, 'url' | 'stop'>;

export interface TestSystem {
  nats: TestNats;
  nc: NatsConnection;
  producer: Producer;
  /** The in-process worker (absent with `worker: false`). */
  worker: Worker;
  gateway: GatewaySystem;
  dataDir: string;
  /** Calls the gateway app (in process, through its fetch handler). */
  http(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    // biome-ignore lint/suspicious/noExplicitAny: tests read answers of every route's shape
  ): Promise<{ status: number; json: any; text: string }>;
  /** Every entry on LIVESEG_ENTRIES, in stream order. */
  entries(): Promise<Entry[]>;
  /** Stops worker, gateway and connection; the server too unless `keepNats`. */
  stop(opts?: { keepNats?: boolean; keepData?: boolean }): Promise<void>;
}

export interface TestSystemOptions {
  partitions?: number;
  keys?: Keys;
  clock?: Clock;
  /** Reuse a data dir (restart tests). */
  dataDir?: string;
  /** Reuse a running server or cluster. */
  nats?: TestNats;
  /** Stream and bucket replicas (3 on a cluster). */
  replicas?: number;
  /** Run an in-process worker (default true); fault tests run worker processes instead. */
  worker?: boolean;
  /** Which destination URLs the gateway accepts (default: public addresses only). */
  destinations?: TargetPolicy;
  /** More provisioning options (retention, duplicate window). */
  provision?: Omit<ProvisionOptions, 'partitions' | 'replicas'>;
}

export async function startTestSystem(opts: TestSystemOptions = {}): Promise<TestSystem> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'liveseg-test-'));
  const nats = opts.nats ?? (await startNatsServer({ dataDir }));
  const nc = await connect({ servers: nats.url.split(','), maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  // A new cluster answers JetStream requests only once it has elected a meta leader.
  await eventually(() => provision(nc, { partitions: opts.partitions ?? 4, replicas: opts.replicas, ...opts.provision }), 30_000, 250);
  const worker =
    opts.worker === false
      ? (undefined as unknown as Worker)
      : await Worker.start(nc, { id: 'test-worker', clock: opts.clock, leases: { ttlMs: 3000, heartbeatMs: 500 } });
  const now = opts.clock ? () => opts.clock!.now() : undefined;
  const gateway = await createGateway(nc, { keys: opts.keys ?? { admin: [], ingest: [] }, now, destinations: opts.destinations });
  const producer = await createProducer(nc);
  return {
    nats,
    nc,
    producer,
    worker,
    gateway,
    dataDir,
    async http(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
      if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await gateway.app.fetch(new Request(`http://test${path}`, init));
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, json, text };
    },
    async entries() {
      // A fresh connection per read, and plain get requests by sequence: this keeps working while
      // a cluster node is down (a long-lived connection or an ephemeral consumer may be stuck on
      // the dead node until its timeouts pass).
      const reader = await connect({ servers: nats.url.split(','), maxReconnectAttempts: 0, timeout: 3000 });
      try {
        const jsm = await jetstreamManager(reader, { checkAPI: false, timeout: 3000 });
        const { first_seq: first, last_seq: last } = (await jsm.streams.info(STREAM_ENTRIES)).state;
        const out: Entry[] = [];
        for (let from = first; last > 0 && from <= last; from += 200) {
          const seqs = Array.from({ length: Math.min(200, last - from + 1) }, (_, i) => from + i);
          const msgs = await Promise.all(seqs.map((seq) => jsm.streams.getMessage(STREAM_ENTRIES, { seq }).catch(() => null)));
          for (const m of msgs) if (m) out.push(m.json<Entry>());
        }
        return out;
      } finally {
        await reader.close();
      }
    },
    async stop({ keepNats = false, keepData = false } = {}) {
      await worker?.stop();
      gateway.stop();
      await nc.drain().catch(() => undefined);
      if (!keepNats) await nats.stop();
      if (!keepNats && !keepData && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes; errors count as "not yet". */
export async function eventually<T>(fn: () => Promise<T> | T, timeoutMs = 5000, stepMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `; last error: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
