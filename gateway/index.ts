/**
 * Public surface of the gateway (runtime-neutral). Runtime adapters are imported by path, like
 * Hono's own: gateway/node.ts (`serveNode`, `nodeAssets`) and gateway/deno.ts (`serveDeno`, `denoAssets`).
 */
export { API_VERSION, createApp, type GatewayDeps } from './app.ts';
export { createGateway, type GatewayOptions, type GatewaySystem } from './system.ts';
export { DEFAULT_RATE_LIMIT, gatewayOptionsFromEnv, type GatewayEnvOptions } from './config.ts';
export { constantTimeEqual, guard, identify, type Keys } from './auth.ts';
export { RateLimiter, type RateLimit } from './rate-limit.ts';
export { errorBody, HTTP_STATUS, HttpError, RateLimitedError, toResponse, type ApiErrorCode } from './errors.ts';
export { cacheControlOf, contentTypeOf, safeAssetPath, type Asset, type AssetLoader } from './assets.ts';
export { MAX_BATCH, MAX_BATCH_BYTES, MAX_DEFINITION_BYTES } from './limits.ts';
export type { Bindings, GatewayEnv, Principal } from './env.ts';
export { buildOpenApi, ROUTES, type RouteSpec } from './spec/index.ts';
