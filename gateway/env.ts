import type { ParamValues } from './spec/index.ts';
import type { AssetLoader } from './assets.ts';

/** Who is calling: the role of their key, and the bucket their requests are rate-limited in. */
export interface Principal {
  role: 'admin' | 'ingest' | 'open' | 'anonymous';
  /** `admin#0`, `ingest#2` (index of the key, never the key), or `ip:<address>`. */
  bucket: string;
}

/**
 * What a runtime adapter (gateway/node.ts, gateway/deno.ts) passes to `app.fetch` as bindings,
 * the way Hono's Cloudflare adapter passes `ASSETS`: the app itself stays runtime-neutral.
 */
export interface Bindings {
  /** Reads the built UI (ui/dist); absent when the UI is not served. */
  ASSETS?: AssetLoader;
  /** The peer address of the connection. */
  clientIp?: string;
}

/** The Hono environment of the gateway app. */
export type GatewayEnv = { Bindings: Bindings; Variables: { principal: Principal; params: ParamValues } };

/** A handler of one operation of the API table (gateway/spec/routes.ts). */
export type OperationHandler = (c: import('hono').Context<GatewayEnv>) => Response | Promise<Response>;
