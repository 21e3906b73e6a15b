import type { Hono } from 'hono';
import { type AssetLoader, contentTypeOf } from './assets.ts';
import type { Bindings, GatewayEnv } from './env.ts';

/** The part of Deno's runtime API this adapter uses (the project compiles against Node's types). */
interface DenoRuntime {
  realPath(path: string): Promise<string>;
  stat(path: string): Promise<{ isFile: boolean }>;
  readFile(path: string): Promise<Uint8Array>;
  serve(
    options: { port: number; hostname: string; onListen(addr: { port: number }): void },
    handler: (req: Request, info: { remoteAddr?: { hostname?: string } }) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> };
}

/** Deno's runtime API when running under Deno, else undefined. */
export const denoRuntime = (): DenoRuntime | undefined => (globalThis as { Deno?: DenoRuntime }).Deno;

function deno(): DenoRuntime {
  const d = denoRuntime();
  if (!d) throw new Error('gateway/deno.ts runs under Deno only');
  return d;
}

/**
 * Reads files of `root` with Deno's file API. Paths come from safeAssetPath (never with `..`);
 * the resolved file must still lie inside the resolved root, so symlinks cannot lead out.
 */
export function denoAssets(root: string): AssetLoader {
  const base = root.endsWith('/') ? root : `${root}/`;
  return async (path) => {
    if (path.split('/').some((p) => p === '..' || p === '')) return undefined;
    const fs = deno();
    try {
      const file = `${base}${path}`;
      if (!(await fs.realPath(file)).startsWith(`${await fs.realPath(base)}/`)) return undefined;
      if (!(await fs.stat(file)).isFile) return undefined;
      return { body: await fs.readFile(file), type: contentTypeOf(file) };
    } catch {
      return undefined;
    }
  };
}

/** Serves the app with `Deno.serve`; resolves once listening. */
export function serveDeno(
  app: Hono<GatewayEnv>,
  opts: { port: number; hostname: string; assets?: AssetLoader },
): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = deno().serve(
      { port: opts.port, hostname: opts.hostname, onListen: ({ port }) => resolve({ port, close: () => server.shutdown() }) },
      (req, info) => app.fetch(req, { ASSETS: opts.assets, clientIp: info?.remoteAddr?.hostname } satisfies Bindings),
    );
  });
}
