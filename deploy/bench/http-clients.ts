/**
 * Concurrent HTTP clients in a worker thread, so their CPU is not the gateway's: each round
 * POSTs prebuilt bodies to one path over keep-alive sockets and reports the time taken.
 */
import { Worker } from 'node:worker_threads';

// Plain JS (the thread is not run through tsx); bodies arrive built, before the clock starts.
const CLIENT_CODE = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
parentPort.on('message', async ({ port, path, headers, bodies, clients }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const post = (body) => new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, agent,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': body.byteLength } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => res.statusCode >= 200 && res.statusCode < 300
        ? resolve(JSON.parse(text).accepted)
        : reject(new Error(res.statusCode + ' ' + text.slice(0, 300))));
    });
    req.on('error', reject);
    req.end(body);
  });
  const started = performance.now();
  let next = 0, accepted = 0;
  try {
    await Promise.all(Array.from({ length: clients }, async () => {
      while (next < bodies.length) { const n = await post(bodies[next++]); accepted += n; }
    }));
    parentPort.postMessage({ ms: performance.now() - started, accepted });
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  }
  agent.destroy();
});`;

/** The outcome of one round of posts. */
export interface PostRound {
  ms: number;
  accepted: number;
}

/** A pool of HTTP clients on their own thread. */
export class HttpClients {
  private readonly thread = new Worker(CLIENT_CODE, { eval: true });

  constructor(private readonly clients = 4) {}

  /** POSTs every body (with `clients` requests in flight) and resolves when all were answered. */
  post(port: number, path: string, bodies: Uint8Array[], headers: Record<string, string> = {}): Promise<PostRound> {
    const done = new Promise<PostRound>((resolve, reject) =>
      this.thread.once('message', (m: PostRound & { error?: string }) =>
        m.error ? reject(new Error(`HTTP ingest failed: ${m.error}`)) : resolve(m),
      ),
    );
    this.thread.postMessage({ port, path, headers, bodies, clients: this.clients });
    return done;
  }

  async stop(): Promise<void> {
    await this.thread.terminate();
  }
}
