import { Hono } from 'hono';
import type { Producer } from '../actors/bus/producer.ts';
import type { Logger } from '../actors/logger.ts';
import { errorBody, toResponse } from './errors.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { segmentRoutes } from './routes/segments.ts';
import type { EntryIndex } from './services/entry-index.ts';
import type { SegmentStore } from './services/segment-store.ts';
import { authMiddleware, type Keys } from './auth.ts';

export interface GatewayDeps {
  producer: Producer;
  segments: SegmentStore;
  entries: EntryIndex;
  /** True while NATS is connected and the streams exist. */
  isReady: () => boolean;
  keys: Keys;
  log: Logger;
  now?: () => number;
  newId?: () => string;
}

/** The gateway as a runtime-neutral Hono app (served by gateway/node.ts or gateway/deno.ts). */
export function createApp(deps: GatewayDeps): Hono {
  const now = deps.now ?? (() => Date.now());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const app = new Hono();
  app.onError((err, c) => toResponse(err, c, deps.log.error));
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path.slice(0, 200)}`), 404));

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', (c) => (deps.isReady()
    ? c.json({ ready: true })
    : c.json(errorBody('unavailable', 'not connected to NATS or streams missing'), 503)));

  app.use('/v1/*', authMiddleware(deps.keys));
  app.route('/', ingestRoutes({ producer: deps.producer, now, newId }));
  app.route('/', segmentRoutes({ segments: deps.segments, entries: deps.entries }));
  return app;
}
