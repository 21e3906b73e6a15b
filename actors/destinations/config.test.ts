import { describe, expect, it } from 'vitest';
import { allowsPrivate, deliveryOptionsFromEnv } from './config.ts';
import { RETRY_SCHEDULE } from './schedule.ts';

describe('delivery settings from the environment', () => {
  it('defaults to the documented schedule and refuses private targets', () => {
    expect(deliveryOptionsFromEnv({})).toEqual({
      allowPrivate: false,
      schedule: RETRY_SCHEDULE,
      ackWaitMs: undefined,
      concurrency: undefined,
      ratePerSecond: undefined,
    });
  });

  it('reads every setting', () => {
    const o = deliveryOptionsFromEnv({
      LIVESEG_DESTINATIONS_ALLOW_PRIVATE: '1',
      LIVESEG_DESTINATIONS_RETRY_FIRST_MS: '100',
      LIVESEG_DESTINATIONS_RETRY_MAX_MS: '400',
      LIVESEG_DESTINATIONS_RETRY_FOR_MS: '60000',
      LIVESEG_DESTINATIONS_ACK_WAIT_MS: '2000',
      LIVESEG_DESTINATIONS_CONCURRENCY: '4',
      LIVESEG_DESTINATIONS_RATE: '50',
    });
    expect(o).toEqual({
      allowPrivate: true,
      schedule: { firstMs: 100, maxMs: 400, forMs: 60_000 },
      ackWaitMs: 2000,
      concurrency: 4,
      ratePerSecond: 50,
    });
    expect(allowsPrivate({ LIVESEG_DESTINATIONS_ALLOW_PRIVATE: 'true' })).toBe(true);
    expect(allowsPrivate({ LIVESEG_DESTINATIONS_ALLOW_PRIVATE: '0' })).toBe(false);
  });

  it('refuses bad values instead of guessing', () => {
    expect(() => deliveryOptionsFromEnv({ LIVESEG_DESTINATIONS_CONCURRENCY: 'lots' })).toThrow(
      /LIVESEG_DESTINATIONS_CONCURRENCY must be an integer/,
    );
    expect(() => deliveryOptionsFromEnv({ LIVESEG_DESTINATIONS_ACK_WAIT_MS: '5' })).toThrow(/≥ 100/);
  });
});
