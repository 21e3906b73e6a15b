import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { Hono } from 'hono';
import { BUCKET_SEGMENTS } from '../actors/bus/names.ts';
import { createProducer } from '../actors/bus/producer.ts';
import { silentLogger, type Logger } from '../actors/logger.ts';
import { SegmentCatalog } from '../actors/segments/catalog.ts';
import { createApp } from './app.ts';
import type { Keys } from './auth.ts';
import { EntryIndex } from './services/entry-index.ts';
import { SegmentStore } from './services/segment-store.ts';

export interface GatewaySystem {
  app: Hono;
  segments: SegmentStore;
  entries: EntryIndex;
  stop(): void;
}

/** Wires the gateway's services to a provisioned NATS deployment (runtime-neutral). */
export async function createGateway(nc: NatsConnection, opts: { keys: Keys; log?: Logger; now?: () => number }): Promise<GatewaySystem> {
  const log = opts.log ?? silentLogger;
  const now = opts.now ?? (() => Date.now());
  const catalog = await SegmentCatalog.open(nc, (m) => log.warn(m));
  const segments = new SegmentStore(await new Kvm(nc).open(BUCKET_SEGMENTS), catalog, now);
  const entries = new EntryIndex(jetstream(nc), await jetstreamManager(nc));
  await entries.start();
  let connected = true;
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') connected = false;
      if (s.type === 'reconnect') connected = true;
    }
  })();
  const app = createApp({
    producer: await createProducer(nc), segments, entries, keys: opts.keys, log, now,
    isReady: () => connected && !nc.isClosed(),
  });
  return {
    app, segments, entries,
    stop() {
      entries.stop();
      catalog.stop();
    },
  };
}
