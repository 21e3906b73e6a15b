import type { MiddlewareHandler } from 'hono';
import type { GatewayEnv, Principal } from './env.ts';
import { HttpError, RateLimitedError } from './errors.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Role } from './spec/index.ts';

/** API keys by role. With both lists empty the gateway runs open (only `liveseg dev` allows it). */
export interface Keys {
  admin: string[];
  ingest: string[];
}

const encoder = new TextEncoder();

/** Compares in time independent of where the strings differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** Index of `key` in `keys`, comparing against every key so timing does not tell which matched. */
function indexOf(keys: string[], key: string): number {
  let found = -1;
  keys.forEach((k, i) => {
    if (constantTimeEqual(k, key) && found < 0) found = i;
  });
  return found;
}

const utf8 = new TextDecoder();

/**
 * The API key of an `Authorization` header: `Bearer <key>`, or HTTP Basic with the key as the user
 * name, which is how Segment-spec SDKs send their write key (the password is ignored; with an
 * empty user name the password is the key, as `curl -u :KEY` sends it). Empty when there is none.
 */
export function keyOf(authorization: string | undefined): string {
  const m = /^(Bearer|Basic)\s+(.+)$/i.exec(authorization ?? '');
  if (!m) return '';
  const value = m[2].trim();
  if (m[1].toLowerCase() === 'bearer') return value;
  let decoded: string;
  try {
    decoded = utf8.decode(Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0)));
  } catch {
    return '';
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return decoded;
  return decoded.slice(0, colon) || decoded.slice(colon + 1);
}

/** The caller of a request, from its `Authorization` header (see `keyOf`) and address. */
export function identify(keys: Keys, authorization: string | undefined, clientIp: string): Principal {
  const byAddress = `ip:${clientIp}`;
  if (keys.admin.length === 0 && keys.ingest.length === 0) return { role: 'open', bucket: byAddress };
  const key = keyOf(authorization);
  if (!key) return { role: 'anonymous', bucket: byAddress };
  const admin = indexOf(keys.admin, key);
  const ingest = indexOf(keys.ingest, key);
  if (admin >= 0) return { role: 'admin', bucket: `admin#${admin}` };
  if (ingest >= 0) return { role: 'ingest', bucket: `ingest#${ingest}` };
  // Unknown keys share their address's bucket: guessing keys is rate-limited too.
  return { role: 'anonymous', bucket: byAddress };
}

/** Dependencies of `guard`. */
export interface GuardDeps {
  keys: Keys;
  limiter?: RateLimiter;
  clientIp: (c: Parameters<MiddlewareHandler<GatewayEnv>>[0]) => string;
}

/**
 * Authenticates, rate-limits and authorizes a route of role `role`: 429 over the caller's rate,
 * 401 without a valid key, 403 for an ingest key on an admin route. The limit is checked first,
 * so unauthenticated floods are throttled per address.
 */
export function guard(role: Exclude<Role, 'public'>, deps: GuardDeps): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const p = identify(deps.keys, c.req.header('authorization'), deps.clientIp(c));
    c.set('principal', p);
    const wait = deps.limiter?.take(p.bucket) ?? 0;
    if (wait > 0) throw new RateLimitedError(wait);
    if (p.role === 'anonymous') {
      throw new HttpError(
        'unauthorized',
        c.req.header('authorization')
          ? 'unknown API key'
          : 'missing API key: send Authorization: Bearer <key>, or the key as HTTP Basic user name',
      );
    }
    if (role === 'admin' && p.role === 'ingest') {
      throw new HttpError(
        'forbidden',
        'an ingest key may only call the ingest routes (POST /v1/events, /v1/profiles and the Segment-spec routes)',
      );
    }
    await next();
  };
}
