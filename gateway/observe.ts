import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../actors/logger.ts';
import type { GatewayEnv } from './env.ts';
import type { Metrics } from './services/metrics.ts';
import { METRIC } from './telemetry.ts';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Counts and logs every request by its route *pattern* (`/v1/users/:userId`), never its path or
 * query: paths carry user ids, and patterns keep metric cardinality bounded. Server errors are
 * logged as errors, everything else at debug.
 */
export function observe(metrics: Metrics, log: Logger): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const pattern = routePath(c);
    const route = pattern === '*' || pattern === '/*' || pattern === '' ? (c.res.status === 404 ? 'unmatched' : 'ui') : pattern;
    const status = c.res.status;
    const seconds = (performance.now() - started) / 1000;
    const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
    metrics.inc(METRIC.requests, { method, route, status });
    metrics.inc(METRIC.requestSeconds, { route }, seconds);
    const fields = { method, route, status, ms: Math.round(seconds * 10_000) / 10 };
    // Refusals stay at debug: at info, a flood of bad requests would turn into a flood of log lines.
    if (status >= 500) log.error('request failed', fields);
    else log.debug(status >= 400 ? 'request refused' : 'request', fields);
  };
}
