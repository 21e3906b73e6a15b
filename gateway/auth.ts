import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors.ts';

/** API keys by role. With both lists empty the gateway runs open (only `liveseg dev` allows it). */
export interface Keys {
  admin: string[];
  ingest: string[];
}

const INGEST_ROUTES = new Set(['POST /v1/events', 'POST /v1/profiles']);
const encoder = new TextEncoder();

/** Compares in time independent of where the strings differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

const anyMatch = (keys: string[], key: string) => keys.reduce((hit, k) => constantTimeEqual(k, key) || hit, false);

/** Bearer-key authentication: admin keys may do everything, ingest keys only post input. */
export function authMiddleware(keys: Keys): MiddlewareHandler {
  const open = keys.admin.length === 0 && keys.ingest.length === 0;
  return async (c, next) => {
    if (open) return next();
    const header = c.req.header('authorization') ?? '';
    const key = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
    if (!key) throw new HttpError(401, 'unauthorized', 'missing API key: send Authorization: Bearer <key>');
    if (anyMatch(keys.admin, key)) return next();
    if (anyMatch(keys.ingest, key)) {
      if (INGEST_ROUTES.has(`${c.req.method} ${c.req.path}`)) return next();
      throw new HttpError(403, 'forbidden', 'an ingest key may only POST /v1/events and /v1/profiles');
    }
    throw new HttpError(401, 'unauthorized', 'unknown API key');
  };
}
