import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';
import { ROUTES, type RouteSpec } from '../spec/index.ts';
import { createGateway, type GatewaySystem } from '../system.ts';

const ADMIN = 'admin-secret-1';
const INGEST = 'ingest-secret-1';
const KEYS = { none: undefined, wrong: 'not-a-key', ingest: INGEST, admin: ADMIN } as const;
type Who = keyof typeof KEYS;

const BODIES: Record<string, unknown> = {
  '/v1/events': { userId: 'matrix', name: 'Matrix' },
  '/v1/profiles': { userId: 'matrix', props: { city: 'Pune' } },
  '/v1/segments': { name: 'Matrix', trigger: { kind: 'action', event: 'Matrix' } },
  ...segmentSpecBodies({ userId: 'matrix', event: 'Matrix', properties: { url: 'https://matrix.example/' } }),
};

/** A message for each Segment-spec path (a batch of one for the batch paths). */
function segmentSpecBodies(message: Record<string, unknown>): Record<string, unknown> {
  const paths = (ROUTES as readonly RouteSpec[]).filter((r) => r.tag === 'segment-spec').map((r) => r.path);
  return Object.fromEntries(
    paths.map((p) => [p, p === '/v1/batch' || p === '/v1/b' ? { batch: [{ type: 'track', ...message }] } : message]),
  );
}

describe('security', () => {
  let sys: TestSystem;
  const call = async (
    app: GatewaySystem['app'],
    method: string,
    path: string,
    key?: string,
    extra: Record<string, string> = {},
    sent?: unknown,
  ) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...extra };
    if (key) headers.authorization = `Bearer ${key}`;
    const payload = sent ?? BODIES[path];
    const body = payload === undefined || method !== 'POST' ? undefined : JSON.stringify(payload);
    const res = await app.fetch(new Request(`http://test${path}`, { method, headers, body }), { clientIp: '10.0.0.1' });
    // Streams (SSE) are not read to the end: cancelling the body ends them.
    const json = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.body?.cancel();
    return { status: res.status, json, headers: res.headers };
  };

  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 2, keys: { admin: [ADMIN], ingest: [INGEST] } });
  }, 30_000);
  afterAll(async () => {
    await sys?.stop();
  });

  describe('auth matrix: every protected route × no key, wrong key, ingest key, admin key', () => {
    const protectedRoutes = (ROUTES as readonly RouteSpec[]).filter((r) => r.role !== 'public');
    const cases = protectedRoutes.flatMap((r) => (Object.keys(KEYS) as Who[]).map((who) => [r.id, who, r] as const));

    it('covers every route of the API table', () => {
      expect(protectedRoutes.map((r) => r.id).sort()).toEqual(
        [
          'createDestination',
          'createSegment',
          'deleteDestination',
          'getDestination',
          'listDestinations',
          'testDestination',
          'deleteSegment',
          'getReport',
          'getSegment',
          'getUser',
          'ingestEvents',
          'ingestProfiles',
          'listMembers',
          'listSegments',
          'liveFeed',
          'metrics',
          ...['Batch', 'Track', 'Identify', 'Page', 'Screen', 'Alias', 'Group'].flatMap((t) => [`segment${t}`, `segment${t}Short`]),
        ].sort(),
      );
    });

    it.each(cases)('%s with %s key', async (_id, who, r) => {
      // A fresh segment per case, so DELETE has something to delete.
      const seg = await call(sys.gateway.app, 'POST', '/v1/segments', ADMIN);
      // Destination routes act on a fresh destination of that segment (`.invalid` never resolves: a test send fails fast).
      const dest = r.tag === 'destinations' ? { name: 'Matrix', url: 'https://matrix.invalid/hook', segments: [seg.json.id] } : undefined;
      const id =
        dest && r.path.includes(':id') ? (await call(sys.gateway.app, 'POST', '/v1/destinations', ADMIN, {}, dest)).json.id : seg.json.id;
      const path = r.path.replace(':id', id).replace(':userId', 'matrix-nobody');
      const res = await call(sys.gateway.app, r.method, path, KEYS[who], {}, dest);
      const success = Number(Object.keys(r.responses).find((s) => Number(s) < 300));
      if (who === 'none' || who === 'wrong') {
        expect(res.status).toBe(401);
        expect(res.json.error.code).toBe('unauthorized');
      } else if (who === 'ingest' && r.role === 'admin') {
        expect(res.status).toBe(403);
        expect(res.json.error.code).toBe('forbidden');
      } else {
        expect(res.status).toBe(r.id === 'getUser' ? 404 : success);
      }
    });

    it('leaves public routes open, whatever key is sent', async () => {
      for (const r of (ROUTES as readonly RouteSpec[]).filter((x) => x.role === 'public')) {
        for (const who of Object.keys(KEYS) as Who[]) expect((await call(sys.gateway.app, r.method, r.path, KEYS[who])).status).toBe(200);
      }
    });

    it('answers unknown API paths with 401 without a key and 404 with one', async () => {
      expect((await call(sys.gateway.app, 'GET', '/v1/nothing')).status).toBe(401);
      expect((await call(sys.gateway.app, 'GET', '/v1/nothing', INGEST)).status).toBe(404);
      expect((await call(sys.gateway.app, 'PATCH', '/v1/segments', ADMIN)).status).toBe(404);
    });
  });

  describe('rate limiting and CORS', () => {
    let gw: GatewaySystem;
    beforeAll(async () => {
      gw = await createGateway(sys.nc, {
        keys: { admin: [ADMIN], ingest: [INGEST] },
        rateLimit: { perSecond: 0.5, burst: 3 },
        corsOrigins: ['https://ui.example'],
      });
    });
    afterAll(() => gw?.stop());

    it('limits each key on its own: 429 with Retry-After and the error shape', async () => {
      for (let i = 0; i < 3; i++) expect((await call(gw.app, 'GET', '/v1/segments', ADMIN)).status).toBe(200);
      const limited = await call(gw.app, 'GET', '/v1/segments', ADMIN);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('2');
      expect(limited.json.error.code).toBe('rate_limited');
      expect((await call(gw.app, 'POST', '/v1/events', INGEST)).status).toBe(202);
      expect((await call(gw.app, 'GET', '/healthz')).status).toBe(200);
    });

    it('limits unauthenticated callers per address, so keys cannot be guessed quickly', async () => {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(gw.app, 'GET', '/v1/segments', `guess-${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    });

    it('answers CORS preflights for allowed origins only', async () => {
      const pre = await gw.app.fetch(
        new Request('http://test/v1/segments', {
          method: 'OPTIONS',
          headers: {
            origin: 'https://ui.example',
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        }),
      );
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('https://ui.example');
      expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      const other = await call(gw.app, 'GET', '/healthz', undefined, { origin: 'https://evil.example' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const ok = await call(gw.app, 'GET', '/healthz', undefined, { origin: 'https://ui.example' });
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://ui.example');
    });

    it('sends no CORS headers when no origin is configured', async () => {
      const res = await call(sys.gateway.app, 'GET', '/healthz', undefined, { origin: 'https://ui.example' });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
