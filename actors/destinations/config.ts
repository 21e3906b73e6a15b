import { LivesegError } from '../errors.ts';
import type { RetrySchedule } from './schedule.ts';
import { RETRY_SCHEDULE } from './schedule.ts';

/** The environment variable that lets destinations reach loopback, link-local and private addresses. */
export const ALLOW_PRIVATE_ENV = 'LIVESEG_DESTINATIONS_ALLOW_PRIVATE';

/** Whether the environment allows private targets (`1` or `true`). */
export const allowsPrivate = (env: Record<string, string | undefined>): boolean => /^(1|true)$/i.test(env[ALLOW_PRIVATE_ENV]?.trim() ?? '');

/** Delivery settings a deployment may tune through the environment. */
export interface DeliveryEnvOptions {
  allowPrivate: boolean;
  schedule: RetrySchedule;
  ackWaitMs?: number;
  concurrency?: number;
  ratePerSecond?: number;
}

function ms(env: Record<string, string | undefined>, name: string, min: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new LivesegError('bad_config', `${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * Reads delivery settings from an environment record (runtime-neutral: pass `process.env`):
 * `LIVESEG_DESTINATIONS_ALLOW_PRIVATE`, `LIVESEG_DESTINATIONS_CONCURRENCY`,
 * `LIVESEG_DESTINATIONS_RATE` (per destination and process), and the retry timing
 * `LIVESEG_DESTINATIONS_RETRY_FIRST_MS` / `_RETRY_MAX_MS` / `_RETRY_FOR_MS` and
 * `LIVESEG_DESTINATIONS_ACK_WAIT_MS` (for tests; the defaults are the documented schedule).
 */
export function deliveryOptionsFromEnv(env: Record<string, string | undefined>): DeliveryEnvOptions {
  return {
    allowPrivate: allowsPrivate(env),
    schedule: {
      firstMs: ms(env, 'LIVESEG_DESTINATIONS_RETRY_FIRST_MS', 1) ?? RETRY_SCHEDULE.firstMs,
      maxMs: ms(env, 'LIVESEG_DESTINATIONS_RETRY_MAX_MS', 1) ?? RETRY_SCHEDULE.maxMs,
      forMs: ms(env, 'LIVESEG_DESTINATIONS_RETRY_FOR_MS', 1) ?? RETRY_SCHEDULE.forMs,
    },
    ackWaitMs: ms(env, 'LIVESEG_DESTINATIONS_ACK_WAIT_MS', 100),
    concurrency: ms(env, 'LIVESEG_DESTINATIONS_CONCURRENCY', 1),
    ratePerSecond: ms(env, 'LIVESEG_DESTINATIONS_RATE', 1),
  };
}
