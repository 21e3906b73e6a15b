import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** Serves the app with Node's HTTP server; resolves once listening. */
export function serveNode(app: Hono, port: number, hostname: string): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
      resolve({
        port: info.port,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          // Open SSE streams and keep-alive sockets must not hold shutdown hostage.
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
      });
    });
    server.once('error', reject);
  });
}
