import { LivesegError } from '../actors/errors.ts';
import type { Keys } from './auth.ts';
import type { RateLimit } from './rate-limit.ts';

/** Requests per second per API key when LIVESEG_RATE_LIMIT is not set. */
export const DEFAULT_RATE_LIMIT = 100;

/** Gateway settings that come from the environment. */
export interface GatewayEnvOptions {
  keys: Keys;
  /** Undefined: no limit. */
  rateLimit?: RateLimit;
  /** Origins allowed by CORS (`*` for any); empty: no CORS headers (same-origin only). */
  corsOrigins: string[];
}

const list = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function positive(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new LivesegError('bad_config', `${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * Reads the gateway's settings from an environment record (pass `process.env` or
 * `Deno.env.toObject()`; this module stays runtime-neutral):
 * - `LIVESEG_ADMIN_KEYS`, `LIVESEG_INGEST_KEYS`: comma-separated API keys;
 * - `LIVESEG_RATE_LIMIT`: requests per second per key (default 100; `0` or `off` disables),
 *   `LIVESEG_RATE_BURST`: bucket size (default twice the rate);
 * - `LIVESEG_CORS_ORIGINS`: comma-separated allowed origins, or `*`.
 * Bad values throw, so a typo fails the start instead of silently weakening a limit.
 */
export function gatewayOptionsFromEnv(env: Record<string, string | undefined>): GatewayEnvOptions {
  const keys = { admin: list(env.LIVESEG_ADMIN_KEYS), ingest: list(env.LIVESEG_INGEST_KEYS) };
  const raw = env.LIVESEG_RATE_LIMIT?.trim();
  let rateLimit: RateLimit | undefined;
  if (raw !== '0' && raw?.toLowerCase() !== 'off') {
    const perSecond = raw ? positive('LIVESEG_RATE_LIMIT', raw) : DEFAULT_RATE_LIMIT;
    const burst = env.LIVESEG_RATE_BURST?.trim() ? positive('LIVESEG_RATE_BURST', env.LIVESEG_RATE_BURST) : 2 * perSecond;
    rateLimit = { perSecond, burst: Math.max(1, burst) };
  }
  return { keys, rateLimit, corsOrigins: list(env.LIVESEG_CORS_ORIGINS) };
}
