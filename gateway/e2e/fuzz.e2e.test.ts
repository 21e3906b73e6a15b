import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';
import { serveNode } from '../node.ts';
import { ROUTES, type RouteSpec } from '../spec/index.ts';

const ADMIN = 'fuzz-admin';
const INGEST = 'fuzz-ingest';

/** One generated request: raw path (sent as is), method, headers and body bytes. */
interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

const enc = new TextEncoder();
const ODD = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%0A',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  '%2f..%2f',
  '~',
  "'",
  '*',
  '%FF%FE',
  '%C0%AF',
  ';',
  '@',
  '%25',
  '%u0041',
  '//',
];

const token = fc.oneof(
  fc.constantFrom(...ODD),
  fc.stringMatching(/^[A-Za-z0-9_.~-]{0,24}$/),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return 'x';
    }
  }),
  fc.integer({ min: 300, max: 5000 }).map((n) => 'a'.repeat(n)),
);
const prefix = fc.constantFrom(
  '/v1/events',
  '/v1/profiles',
  '/v1/segments',
  '/v1/segments/:id',
  '/v1/segments/:id/members',
  '/v1/segments/:id/report',
  '/v1/segments/:id/live',
  '/v1/users/:id',
  '/v1',
  '/v1/',
  '/metrics',
  '/openapi.json',
  '/healthz',
  '/readyz',
  '/',
  '/assets/:id',
  '/:id',
);
const path = fc
  .tuple(
    prefix,
    token,
    fc.array(token, { maxLength: 3 }),
    fc.array(fc.tuple(fc.constantFrom('limit', 'cursor', 'q', 'x', '', '%', 'limit[]'), token), { maxLength: 4 }),
  )
  .map(([p, id, extra, query]) => {
    let out = p.replace(':id', id) + (extra.length ? `/${extra.join('/')}` : '');
    if (query.length) out += `?${query.map(([k, v]) => `${k}=${v}`).join('&')}`;
    return out.startsWith('/') ? out : `/${out}`;
  });

const wrongTyped = fc.record(
  {
    id: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.string({ minLength: 129, maxLength: 300 })),
    userId: fc.oneof(fc.string(), fc.integer(), fc.array(fc.string()), fc.constant('\n\r')),
    name: fc.oneof(fc.string(), fc.boolean(), fc.constant('$secret'), fc.constant('$page_view')),
    ts: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(-1), fc.constant(1e300)),
    props: fc.oneof(fc.object(), fc.array(fc.anything()), fc.string(), fc.constant(null)),
    trigger: fc.oneof(fc.object(), fc.record({ kind: fc.string(), event: fc.anything(), within: fc.string() })),
    unknownField: fc.anything(),
  },
  { requiredKeys: [] },
);

const json = (v: unknown) => enc.encode(JSON.stringify(v) ?? 'null');
const body = fc.oneof(
  fc.json().map((s) => enc.encode(s)),
  fc.jsonValue().map(json),
  wrongTyped.map(json),
  fc.array(wrongTyped, { maxLength: 30 }).map(json),
  fc.tuple(fc.json({ maxDepth: 4 }), fc.nat()).map(([s, n]) => enc.encode(s.slice(0, n % (s.length + 1)))),
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom(
    enc.encode('{"userId": "\\ud800", "name": "x"}'),
    new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
    enc.encode('['.repeat(10_000)),
    enc.encode(`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`),
    enc.encode('{"__proto__": {"x": 1}}'),
    enc.encode(''),
    enc.encode('   '),
    enc.encode('1e999999'),
  ),
  fc.integer({ min: 900, max: 1200 }).map((n) => json(Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, name: i % 2 ? 'x' : 5 })))),
  fc.constantFrom(1, 2).map((mb) => json([{ userId: 'u', name: 'big', props: { s: 'x'.repeat(mb * 600_000) } }])),
);
const method = fc.oneof(fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD'), fc.stringMatching(/^[A-Z]{1,10}$/));
const headers = fc.record(
  {
    authorization: fc.oneof(
      fc.constant(`Bearer ${ADMIN}`),
      fc.constant(`Bearer ${ADMIN}`),
      fc.constant(`Bearer ${INGEST}`),
      fc.constant('Bearer '),
      fc.string({ maxLength: 50 }).map((s) => `Bearer ${encodeURIComponent(s)}`),
      fc.constant(''),
    ),
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
    accept: fc.constantFrom('application/json', 'text/html', '*/*', 'text/event-stream', ''),
    'last-event-id': fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9a-z-]{0,20}$/)),
  },
  { requiredKeys: ['authorization'] },
);
const clean = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== ''));
/** Anything at all: methods, paths, headers and bodies at random. */
const anyRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(method, path, headers, fc.option(body, { freq: 2 }))
  .map(([m, p, h, b]) => ({ method: m, path: p, headers: clean(h), body: b ?? undefined }));
/** A real route of the API table with its own method and an admin key, so bad bodies reach the validators. */
const routed: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.constantFrom(...(ROUTES as readonly RouteSpec[])), token, body, headers)
  .map(([r, id, b, h]) => ({
    method: r.method,
    path: r.path.replace(/:\w+/, id),
    headers: clean({ ...h, authorization: `Bearer ${ADMIN}` }),
    body: r.method === 'POST' ? b : undefined,
  }));
const request = fc.oneof(anyRequest, routed);

describe('fuzz: generated bad requests against a running gateway', () => {
  let sys: TestSystem;
  let server: { port: number; close(): Promise<void> };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const statuses = new Map<number, number>();

  /** Sends one request over a real socket; live streams are ended after their headers. */
  const send = (r: FuzzRequest) =>
    new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
      // Bodies are always framed: Node's client sends an unframed body after HEAD/GET as a second, garbage request.
      const headers = r.body ? { ...r.headers, 'content-length': String(r.body.byteLength) } : r.headers;
      const req = http.request({ host: '127.0.0.1', port: server.port, method: r.method, path: r.path, headers, agent }, (res) => {
        const type = String(res.headers['content-type'] ?? '');
        if (type.startsWith('text/event-stream')) {
          res.destroy();
          return resolve({ status: res.statusCode!, type, text: '' });
        }
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          if (text.length < 100_000) text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode!, type, text }));
        res.on('error', reject);
      });
      const what = () => `${r.method} ${r.path.slice(0, 100)} ${JSON.stringify(r.headers)} body ${r.body?.byteLength}`;
      req.setTimeout(10_000, () => req.destroy(new Error(`no answer within 10 s: ${what()}`)));
      req.on('error', (err: Error & { code?: string }) => {
        // The server may close the socket after answering 413 before the whole body was sent.
        if (err.code === 'EPIPE' || err.code === 'ECONNRESET') resolve({ status: 0, type: '', text: '' });
        else reject(new Error(`${what()}: ${err.message}`));
      });
      req.end(r.body);
    });

  const check = async (r: FuzzRequest) => {
    const res = await send(r);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    expect(res.status, `${r.method} ${r.path.slice(0, 200)}`).toBeLessThan(500);
    if (res.status >= 400 && r.method !== 'HEAD') {
      expect(res.type, `${r.method} ${r.path.slice(0, 200)}`).toContain('application/json');
      const err = JSON.parse(res.text).error;
      expect(typeof err.code).toBe('string');
      expect(typeof err.message).toBe('string');
    }
  };

  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 2, keys: { admin: [ADMIN], ingest: [INGEST] } });
    server = await serveNode(sys.gateway.app, 0, '127.0.0.1');
  }, 30_000);
  afterAll(async () => {
    agent.destroy();
    await server?.close();
    await sys?.stop();
  });

  it('never answers 5xx nor anything but the error shape, one request at a time (shrinks on failure)', async () => {
    await fc.assert(fc.asyncProperty(request, check), { numRuns: 1500, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 1e9) });
  }, 60_000);

  it('holds under 1,500 concurrent bad requests', async () => {
    const batch = fc.sample(request, Number(process.env.FUZZ_BURST ?? 1500));
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < batch.length) await check(batch[next++]);
      }),
    );
  }, 60_000);

  it('still answers health and readiness afterwards', async () => {
    expect((await send({ method: 'GET', path: '/healthz', headers: {} })).status).toBe(200);
    expect((await send({ method: 'GET', path: '/readyz', headers: {} })).status).toBe(200);
    const list = await send({ method: 'GET', path: '/v1/segments', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(list.status).toBe(200);
    // The generators reached the validators, not just the front door.
    console.log('fuzz statuses', Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])));
    for (const s of [200, 202, 400, 401, 404, 413]) expect(statuses.get(s) ?? 0, `status ${s}`).toBeGreaterThan(0);
  });
});
