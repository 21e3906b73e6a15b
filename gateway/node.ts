import { serve } from '@hono/node-server';
import type { Duplex } from 'node:stream';
import type { Hono } from 'hono';
import { errorBody, HTTP_STATUS } from './errors.ts';
import type { AssetLoader } from './assets.ts';
import type { Bindings, GatewayEnv } from './env.ts';
import { nodeAssets } from './node-assets.ts';

export { nodeAssets, UI_DIST } from './node-assets.ts';

/**
 * Requests Node's HTTP parser refuses (unknown methods, malformed lines, huge headers) never
 * reach the app; answer them in the contract's error shape too, instead of Node's bare 400.
 */
function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
  const [code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? (['headers_too_large', 'request headers are too large'] as const)
      : (['bad_request', 'malformed HTTP request'] as const);
  // A response to HEAD has no body; the parser failed, so the raw bytes are all that tells.
  const head = (err as { rawPacket?: Buffer }).rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
  const body = head ? '' : JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${HTTP_STATUS[code]} ${code}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * Serves the app with Node's HTTP server; resolves once listening. The built UI (ui/dist) is
 * served unless `assets` says otherwise.
 */
export function serveNode(
  app: Hono<GatewayEnv>,
  port: number,
  hostname: string,
  opts: { assets?: AssetLoader | false } = {},
): Promise<{ port: number; close(): Promise<void> }> {
  const assets = opts.assets === false ? undefined : (opts.assets ?? nodeAssets());
  const fetch = (req: Request, env: NodeBindings) =>
    app.fetch(req, {
      ...env,
      ASSETS: assets,
      clientIp: env?.incoming?.socket?.remoteAddress,
    } satisfies Bindings);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, (info) => {
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Open SSE streams and keep-alive sockets must not hold shutdown hostage.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
    server.on('clientError', answerClientError);
  });
}
