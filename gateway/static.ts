import type { Context } from 'hono';
import { cacheControlOf, safeAssetPath, type Asset } from './assets.ts';
import type { GatewayEnv } from './env.ts';
import { HttpError } from './errors.ts';

/** Paths (and everything below them) that belong to the API, never to the UI. */
const API_PATHS = ['/v1', '/metrics', '/healthz', '/readyz', '/openapi.json'];

const respond = (c: Context<GatewayEnv>, path: string, asset: Asset): Response => {
  c.header('Content-Type', asset.type);
  c.header('Cache-Control', cacheControlOf(path));
  c.header('X-Content-Type-Options', 'nosniff');
  return c.req.method === 'HEAD' ? c.body(null, 200) : c.body(asset.body as Uint8Array<ArrayBuffer>, 200);
};

/**
 * Serves the built UI through the runtime's asset loader (binding `ASSETS`): files by path, and
 * index.html for `/` and for unknown paths that accept HTML (client-side routes). Everything
 * else, including unknown API paths, is a JSON 404.
 */
export async function serveUi(c: Context<GatewayEnv>): Promise<Response> {
  const assets = c.env?.ASSETS;
  const urlPath = c.req.path;
  if (!assets || API_PATHS.some((p) => urlPath === p || urlPath.startsWith(`${p}/`))) throw noRoute(c);
  // The raw path, decoded exactly once here (c.req.path is already partly decoded).
  const path = safeAssetPath(new URL(c.req.url).pathname);
  const file = path === undefined ? undefined : await assets(path);
  if (file) return respond(c, path!, file);
  if ((c.req.header('accept') ?? '').includes('text/html')) {
    const index = await assets('index.html');
    if (index) return respond(c, 'index.html', index);
  }
  throw noRoute(c);
}

/** The JSON 404 of an unknown route. */
export const noRoute = (c: Context) => new HttpError('not_found', `no route for ${c.req.method} ${c.req.path.slice(0, 200)}`);
