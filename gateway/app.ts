import { Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Producer } from '../actors/bus/producer.ts';
import type { Logger } from '../actors/logger.ts';
import { guard, type GuardDeps, type Keys } from './auth.ts';
import type { H } from 'hono/types';
import type { GatewayEnv, OperationHandler } from './env.ts';
import { badRequest, toResponse } from './errors.ts';
import { observe } from './observe.ts';
import type { RateLimiter } from './rate-limit.ts';
import {
  destinationHandlers,
  ingestHandlers,
  liveHandlers,
  opsHandlers,
  reportHandlers,
  segmentHandlers,
  segmentSpecHandlers,
  type MessageOutcome,
  userHandlers,
  type Rejection,
} from './routes/index.ts';
import type { EntryIndex, LiveHub, Metrics, RateRecorder, SegmentStore, UserLookup } from './services/index.ts';
import type { DestinationService } from './services/destination-service.ts';
import { buildOpenApi, readParams, ROUTES, type RouteId, type RouteSpec } from './spec/index.ts';
import { noRoute, serveUi } from './static.ts';
import { METRIC } from './telemetry.ts';

/** Version of the HTTP API (the `/v1` of the paths), as published in the OpenAPI document. */
export const API_VERSION = '1.0.0';

/** The services and settings the app is built from (gateway/system.ts wires them to NATS). */
export interface GatewayDeps {
  producer: Producer;
  segments: SegmentStore;
  entries: EntryIndex;
  hub: LiveHub;
  /** The rate history a live client gets when it connects. */
  rates: RateRecorder;
  users: UserLookup;
  /** Webhook destinations (docs/destinations.md). */
  destinations: DestinationService;
  metrics: Metrics;
  /** True while NATS is connected and the streams exist. */
  isReady: () => boolean | Promise<boolean>;
  keys: Keys;
  log: Logger;
  now?: () => number;
  newId?: () => string;
  /** Per-client request limit; absent: unlimited. */
  limiter?: RateLimiter;
  /** Origins allowed by CORS (`*` for any); empty or absent: no CORS headers. */
  corsOrigins?: string[];
  /** SSE heartbeat interval (default 15 s). */
  heartbeatMs?: number;
}

/** Validates a route's path and query parameters from its spec; handlers read `c.get('params')`. */
const params =
  (r: RouteSpec): MiddlewareHandler<GatewayEnv> =>
  async (c, next) => {
    const { values, problems } = readParams(r.params ?? [], (p) => (p.in === 'path' ? c.req.param(p.name) : c.req.query(p.name)));
    if (problems.length) throw badRequest('invalid_request', problems.map((p) => `${p.path} ${p.message}`).join('; '), problems);
    c.set('params', values);
    await next();
  };

/** The gateway as a runtime-neutral Hono app (served by gateway/node.ts or gateway/deno.ts). */
export function createApp(deps: GatewayDeps): Hono<GatewayEnv> {
  const now = deps.now ?? (() => Date.now());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const app = new Hono<GatewayEnv>();
  app.onError((err, c) => toResponse(err, c, deps.log.error));
  app.notFound((c) => toResponse(noRoute(c), c, deps.log.error));
  app.use('*', observe(deps.metrics, deps.log));
  if (deps.corsOrigins?.length) {
    const origins = deps.corsOrigins;
    app.use(
      '*',
      cors({
        origin: origins.includes('*') ? '*' : origins,
        allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
        // X-Retry-Count: what analytics.js adds when it resends a batch.
        allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID', 'X-Retry-Count'],
        exposeHeaders: ['Retry-After'],
        maxAge: 600,
      }),
    );
  }

  const onResult = (kind: 'events' | 'profiles', accepted: number, rejected: Rejection[]) => {
    if (accepted) deps.metrics.inc(METRIC.accepted, { kind }, accepted);
    for (const r of rejected) deps.metrics.inc(METRIC.rejected, { kind, code: r.code });
  };
  const onMessages = (outcomes: MessageOutcome[]) => {
    for (const o of outcomes) {
      deps.metrics.inc(METRIC.segmentSpec, { type: o.type, outcome: o.outcome });
      if (o.kind) deps.metrics.inc(METRIC.accepted, { kind: o.kind });
      if (o.code) deps.metrics.inc(METRIC.rejected, { kind: 'segment_spec', code: o.code });
    }
  };
  const handlers: Record<RouteId, OperationHandler> = {
    ...ingestHandlers({ producer: deps.producer, now, newId, onResult }),
    ...segmentSpecHandlers({ producer: deps.producer, now, newId, onResult: onMessages }),
    ...segmentHandlers(deps),
    ...reportHandlers({ ...deps, now }),
    ...liveHandlers({ ...deps, heartbeatMs: deps.heartbeatMs ?? 15_000 }),
    ...userHandlers(deps),
    ...destinationHandlers(deps),
    ...opsHandlers({ isReady: deps.isReady, metrics: deps.metrics, openapi: buildOpenApi(API_VERSION) }),
  };

  const guardDeps: GuardDeps = { keys: deps.keys, limiter: deps.limiter, clientIp: (c) => c.env?.clientIp ?? 'unknown' };
  // Routes, their guards and parameter checks all come from the one API table.
  const on = app.on.bind(app) as (method: string, path: string, ...handlers: H<GatewayEnv>[]) => unknown;
  for (const r of ROUTES as readonly RouteSpec[]) {
    const chain: H<GatewayEnv>[] = r.role === 'public' ? [] : [guard(r.role, guardDeps)];
    on(r.method, r.path, ...chain, params(r), handlers[r.id as RouteId]);
  }
  // Unknown API paths answer like the API does (401 without a key, else a JSON 404), never with the UI.
  app.all('/v1/*', guard('ingest', guardDeps), (c) => {
    throw noRoute(c);
  });
  app.get('*', serveUi);
  return app;
}
