import type { Hono } from 'hono';
import { contentTypeOf, type AssetLoader } from './assets.ts';
import type { Bindings, GatewayEnv } from './env.ts';

// Typed loosely on purpose: the project compiles against Node's types, and Deno is only present at run time.
declare const Deno: any;

/**
 * Reads files of `root` with Deno's file API. Paths come from safeAssetPath (never with `..`);
 * the resolved file must still lie inside the resolved root, so symlinks cannot lead out.
 */
export function denoAssets(root: string): AssetLoader {
  const base = root.endsWith('/') ? root : `${root}/`;
  return async (path) => {
    if (path.split('/').some((p) => p === '..' || p === '')) return undefined;
    try {
      const file = `${base}${path}`;
      if (!(await Deno.realPath(file)).startsWith(`${await Deno.realPath(base)}/`)) return undefined;
      if (!(await Deno.stat(file)).isFile) return undefined;
      return { body: await Deno.readFile(file), type: contentTypeOf(file) };
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
    const server = Deno.serve(
      {
        port: opts.port,
        hostname: opts.hostname,
        onListen: ({ port }: { port: number }) => resolve({ port, close: () => server.shutdown() }),
      },
      (req: Request, info: { remoteAddr?: { hostname?: string } }) =>
        app.fetch(req, { ASSETS: opts.assets, clientIp: info?.remoteAddr?.hostname } satisfies Bindings),
    );
  });
}
