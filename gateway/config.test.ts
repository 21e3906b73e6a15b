import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMIT, gatewayOptionsFromEnv } from './config.ts';

describe('gatewayOptionsFromEnv', () => {
  it('defaults: no keys, a per-key limit, no CORS', () => {
    expect(gatewayOptionsFromEnv({})).toEqual({
      keys: { admin: [], ingest: [] },
      rateLimit: { perSecond: DEFAULT_RATE_LIMIT, burst: 2 * DEFAULT_RATE_LIMIT },
      corsOrigins: [],
    });
  });

  it('reads keys, limits and origins', () => {
    expect(
      gatewayOptionsFromEnv({
        LIVESEG_ADMIN_KEYS: ' a1, a2 ,',
        LIVESEG_INGEST_KEYS: 'i1',
        LIVESEG_RATE_LIMIT: '20',
        LIVESEG_RATE_BURST: '5',
        LIVESEG_CORS_ORIGINS: 'https://a.example, https://b.example',
      }),
    ).toEqual({
      keys: { admin: ['a1', 'a2'], ingest: ['i1'] },
      rateLimit: { perSecond: 20, burst: 5 },
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
  });

  it('turns the limit off with 0 or off, and refuses nonsense', () => {
    expect(gatewayOptionsFromEnv({ LIVESEG_RATE_LIMIT: '0' }).rateLimit).toBeUndefined();
    expect(gatewayOptionsFromEnv({ LIVESEG_RATE_LIMIT: 'OFF' }).rateLimit).toBeUndefined();
    expect(() => gatewayOptionsFromEnv({ LIVESEG_RATE_LIMIT: 'fast' })).toThrow(/LIVESEG_RATE_LIMIT/);
    expect(() => gatewayOptionsFromEnv({ LIVESEG_RATE_BURST: '-1' })).toThrow(/LIVESEG_RATE_BURST/);
  });
});
