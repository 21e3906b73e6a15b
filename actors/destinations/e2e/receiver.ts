/** A real webhook receiver for tests and benchmarks: node:http, every signature verified with `standardwebhooks`. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got. */
export interface Received {
  id: string;
  /** When it arrived (Date.now()). */
  at: number;
  /** The status answered. */
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: payloads of any shape are recorded
  body: any;
  verified: boolean;
}

/** What to answer a request: a status, or `hang` (never answer). */
export type Answer = number | 'hang';

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Requests whose signature did not verify (must stay 0). */
  readonly unverified: number;
  /** Distinct webhook-ids answered 2xx (a live set). */
  deliveredIds(): ReadonlySet<string>;
  /** Forgets what was received. */
  reset(): void;
  /** Attempts per webhook-id. */
  attemptsOf(id: string): Received[];
  /** Stops listening (connections are cut); `start` listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * Starts a receiver on 127.0.0.1. `answer` decides each request's status from its webhook-id and
 * how many times that id was seen before (default: 204 always).
 */
export async function startReceiver(
  secret: () => string | undefined,
  answer: (id: string, seenBefore: number) => Answer = () => 204,
  opts: { port?: number; verify?: boolean; record?: boolean } = {},
): Promise<Receiver> {
  const received: Received[] = [];
  // Kept as requests arrive: pollers (benchmarks) must not rebuild it from `received` each time.
  const delivered = new Set<string>();
  const seen = new Map<string, number>();
  let unverified = 0;
  let port = opts.port ?? 0;
  let server: Server | undefined;
  const hanging = new Set<ServerResponse>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const id = headers['webhook-id'] ?? '';
      let verified = false;
      let body: unknown;
      const key = secret();
      if (opts.verify === false) {
        verified = true;
      } else {
        try {
          body = new Webhook(key ?? 'whsec_AAAA').verify(raw, headers);
          verified = true;
        } catch {
          unverified++;
        }
      }
      const before = seen.get(id) ?? 0;
      seen.set(id, before + 1);
      const a = verified ? answer(id, before) : 400;
      if (opts.record !== false) received.push({ id, at: Date.now(), status: a === 'hang' ? 0 : a, body: body ?? safeJson(raw), verified });
      if (typeof a === 'number' && a >= 200 && a < 300) delivered.add(id);
      if (a === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      res.statusCode = a;
      res.end();
    });
  };

  const r: Receiver = {
    get url() {
      return `http://127.0.0.1:${port}/hook`;
    },
    get port() {
      return port;
    },
    received,
    get unverified() {
      return unverified;
    },
    deliveredIds: () => delivered,
    reset() {
      received.length = 0;
      delivered.clear();
    },
    attemptsOf: (id) => received.filter((x) => x.id === id),
    async start() {
      const s = createServer({ keepAliveTimeout: 30_000 }, handle);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      port = (s.address() as AddressInfo).port;
      server = s;
    },
    async stop() {
      const s = server;
      server = undefined;
      if (!s) return;
      for (const res of hanging) res.destroy();
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await r.start();
  return r;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
