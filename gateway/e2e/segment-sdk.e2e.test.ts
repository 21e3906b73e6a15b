/**
 * The real Segment and RudderStack Node SDKs, from the npm registry, pointed at a real gateway on
 * a real port, over a real nats-server and worker: what they send lands as docs/sdks.md says.
 */
import { createGzip, gzipSync } from 'node:zlib';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { Analytics as SegmentAnalytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAM_IN } from '../../actors/bus/names.ts';
import type { Entry } from '../../actors/types.ts';
import { eventually, startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';
import { TcpProxy } from '../../deploy/testing/tcp-proxy.ts';
import { serveNode } from '../node.ts';
import { createGateway, type GatewaySystem } from '../system.ts';
import { specViolations } from './helpers.ts';

const ADMIN = 'admin-key-sdk';
const INGEST = 'ingest-key-sdk';
const ALLOWED_ORIGIN = 'http://shop.example';

describe('Segment-spec ingest with the real SDKs', () => {
  let sys: TestSystem;
  let gw: GatewaySystem;
  let server: { port: number; close(): Promise<void> };
  let base: string;
  const seg: Record<string, string> = {};

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: answers of several routes
    return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
  };
  const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: basic(INGEST), 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: answers of several routes
    return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
  };
  const entriesOf = async (segmentId: string, userId: string): Promise<Entry[]> =>
    (await sys.entries()).filter((e) => e.segmentId === segmentId && e.userId === userId);
  const entered = (segmentId: string, userId: string) =>
    eventually(async () => (await entriesOf(segmentId, userId)).length > 0, 15_000, 100);

  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 4, keys: { admin: [ADMIN], ingest: [INGEST] } });
    gw = await createGateway(sys.nc, { keys: { admin: [ADMIN], ingest: [INGEST] }, corsOrigins: [ALLOWED_ORIGIN] });
    server = await serveNode(gw.app, 0, '127.0.0.1', { assets: false });
    base = `http://127.0.0.1:${server.port}`;
    const create = async (key: string, definition: unknown) => {
      const r = await admin('POST', '/v1/segments', definition);
      expect(r.status).toBe(201);
      seg[key] = r.json.id;
    };
    await create('action', { name: 'Added to cart', trigger: { kind: 'action', event: 'Added To Cart' } });
    await create('pricing', { name: 'Saw pricing', trigger: { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } } });
    await create('fromNews', { name: 'From the news', trigger: { kind: 'referrer', referrer: { op: 'contains', value: 'news.example' } } });
    await create('threePages', { name: 'Three pages', trigger: { kind: 'page_count', count: 3 } });
    await create('checkoutScreen', {
      name: 'Checkout screen',
      trigger: { kind: 'action', event: '$screen_view', where: [{ prop: 'name', op: 'eq', value: 'Checkout' }] },
    });
    await create('probe', { name: 'Probe', trigger: { kind: 'action', event: 'Probe' }, reentry: 'every' });
    // The worker picks segments up from KV; give it the moment it needs before the traffic starts.
    await new Promise((r) => setTimeout(r, 300));
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    gw?.stop();
    await sys?.stop();
  });

  /** Identify, track, three page views (one from an external referrer) and a screen, for `userId`. */
  const journey = (userId: string) => ({
    identify: {
      userId,
      traits: { email: `${userId}@example.com`, phone: '+919800000000', plan: 'pro' },
      context: { timezone: 'Asia/Kolkata' },
    },
    track: { userId, event: 'Added To Cart', properties: { product: 'Shoe', price: 120 } },
    pages: [
      { userId, name: 'Home', properties: { url: 'https://shop.example/', referrer: 'https://news.example/story', title: 'Home' } },
      { userId, name: 'Pricing', properties: { url: 'https://shop.example/pricing', referrer: 'https://shop.example/', title: 'Pricing' } },
      { userId, name: 'About', properties: { url: 'https://shop.example/about', referrer: '', title: 'About' } },
    ],
    screen: { userId, name: 'Checkout', properties: { step: 2 } },
  });

  /** What a journey must have produced for `userId`: every segment entered, reach from the traits. */
  const expectJourneyLanded = async (userId: string) => {
    for (const key of ['action', 'pricing', 'fromNews', 'threePages', 'checkoutScreen']) await entered(seg[key], userId);
    const [entry] = await entriesOf(seg.action, userId);
    expect(entry.reach).toEqual({ email: true, sms: true, whatsapp: false, push: false, web_push: false });
    const user = await eventually(async () => {
      const r = await admin('GET', `/v1/users/${encodeURIComponent(userId)}`);
      // The user record is written behind the entries: wait until it has them all.
      return r.status === 200 && r.json.profile.timezone && r.json.segments.length === 5 ? r.json : undefined;
    }, 10_000);
    expect(user.profile).toMatchObject({ timezone: 'Asia/Kolkata', props: { email: `${userId}@example.com`, plan: 'pro' } });
    expect(user.reach).toMatchObject({ email: true, sms: true });
  };

  it('@segment/analytics-node: identify, track, page and screen land as events and a profile', async () => {
    const analytics = new SegmentAnalytics({ writeKey: INGEST, host: base, flushInterval: 50, maxRetries: 0 });
    const statuses: number[] = [];
    analytics.on('http_response', (r) => statuses.push(r.status));
    const j = journey('seg-node-user');
    analytics.identify(j.identify);
    await analytics.flush();
    analytics.track(j.track);
    for (const p of j.pages) analytics.page(p);
    analytics.screen(j.screen);
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    await expectJourneyLanded('seg-node-user');
  }, 60_000);

  it('@rudderstack/rudder-sdk-node (gzip by default): the same journey lands the same way', async () => {
    const errors: unknown[] = [];
    const client = new RudderAnalytics(INGEST, {
      dataPlaneUrl: base,
      flushAt: 50,
      flushInterval: 50,
      retryCount: 0,
      logLevel: 'error',
      errorHandler: (err) => errors.push(err),
    });
    const j = journey('rudder-node-user');
    client.identify(j.identify);
    await client.flush();
    client.track(j.track);
    for (const p of j.pages) client.page(p);
    client.screen(j.screen);
    await client.flush();
    expect(errors).toEqual([]);
    await expectJourneyLanded('rudder-node-user');
  }, 60_000);

  it('tracks an anonymous visitor by anonymousId (no identify, no merge)', async () => {
    const analytics = new SegmentAnalytics({ writeKey: INGEST, host: base, flushInterval: 50, maxRetries: 0 });
    analytics.page({
      anonymousId: 'anon-visitor-1',
      properties: { url: 'https://shop.example/pricing?plan=pro', referrer: 'https://www.news.example/', title: 'Pricing' },
    });
    await analytics.closeAndFlush({ timeout: 10_000 });
    await entered(seg.pricing, 'anon-visitor-1');
    await entered(seg.fromNews, 'anon-visitor-1');
    const [entry] = await entriesOf(seg.pricing, 'anon-visitor-1');
    expect(entry.reach.email).toBe(false);
  }, 30_000);

  it('refuses a wrong write key with 401, from the SDK and over plain HTTP', async () => {
    const analytics = new SegmentAnalytics({ writeKey: 'not-the-key', host: base, flushInterval: 50, maxRetries: 0 });
    const statuses: number[] = [];
    analytics.on('http_response', (r) => statuses.push(r.status));
    analytics.track({ userId: 'intruder', event: 'Added To Cart' });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(statuses).toEqual([401]);
    const rudderErrors: Array<{ response?: { status: number } }> = [];
    const rudder = new RudderAnalytics('not-the-key', {
      dataPlaneUrl: base,
      retryCount: 0,
      logLevel: 'error',
      errorHandler: (e) => rudderErrors.push(e),
    });
    rudder.track({ userId: 'intruder', event: 'Added To Cart' });
    await rudder.flush();
    expect(rudderErrors.map((e) => e.response?.status)).toEqual([401]);
    const batch = { batch: [{ type: 'track', userId: 'intruder', event: 'X' }] };
    for (const authorization of ['', basic('wrong'), 'Bearer wrong', 'Basic not-base64!']) {
      const r = await post('/v1/batch', batch, { authorization });
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe('unauthorized');
    }
    // Bearer works as well as Basic; the admin key may ingest too.
    expect((await post('/v1/batch', batch, { authorization: `Bearer ${INGEST}` })).status).toBe(200);
    expect((await post('/v1/track', batch.batch[0], { authorization: basic(ADMIN) })).status).toBe(200);
    // An ingest key sent as Basic is still only an ingest key.
    expect((await post('/v1/segments', { name: 'x', trigger: { kind: 'action', event: 'x' } })).status).toBe(403);
    expect((await sys.entries()).some((e) => e.userId === 'intruder')).toBe(false);
  }, 30_000);

  it('keeps the good messages of a mixed batch and lists the bad ones with index, code and message', async () => {
    const body = {
      sentAt: new Date().toISOString(),
      batch: [
        { type: 'track', userId: 'mixed-1', event: 'Probe', messageId: 'mixed-m1' },
        { type: 'track', event: 'Probe' },
        'not a message',
        { type: 'purchase', userId: 'mixed-1' },
        { type: 'page', userId: 'mixed-1', properties: { url: 'not a url' } },
        { type: 'alias', userId: 'mixed-1', previousId: 'anon-x' },
        { type: 'track', anonymousId: 'mixed-2', event: 'Probe', messageId: 'mixed-m2' },
      ],
    };
    const r = await post('/v1/batch', body);
    expect(r.status).toBe(200);
    expect(specViolations('POST', '/v1/batch', 200, r.json)).toEqual([]);
    expect(r.json.success).toBe(true);
    expect(r.json.accepted).toBe(3);
    expect(r.json.rejected.map((x: { index: number; code: string }) => [x.index, x.code])).toEqual([
      [1, 'invalid_message'],
      [2, 'invalid_message'],
      [3, 'invalid_message'],
      [4, 'invalid_event'],
    ]);
    expect(r.json.rejected[0].message).toContain('userId');
    await entered(seg.probe, 'mixed-1');
    await entered(seg.probe, 'mixed-2');
    const metrics = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })).text();
    expect(metrics).toMatch(/liveseg_segment_spec_messages_total\{type="alias",outcome="ignored"\} [1-9]/);
    expect(metrics).toMatch(/liveseg_segment_spec_messages_total\{type="unknown",outcome="rejected"\} [1-9]/);
  }, 30_000);

  it('stores a message sent twice once: messageId is the event id end to end', async () => {
    const jsm = await jetstreamManager(sys.nc);
    const before = (await jsm.streams.info(STREAM_IN)).state.messages;
    const message = { userId: 'dedup-user', event: 'Probe', messageId: 'dedup-m1', properties: { n: 1 } };
    for (let i = 0; i < 2; i++) expect((await post('/v1/track', message)).json.accepted).toBe(1);
    expect((await post('/v1/batch', { batch: [{ ...message, type: 'track' }] })).json.accepted).toBe(1);
    expect((await jsm.streams.info(STREAM_IN)).state.messages - before).toBe(1);
    await entered(seg.probe, 'dedup-user');
  }, 30_000);

  describe('compressed and bad bodies', () => {
    it('reads a gzip body', async () => {
      const body = gzipSync(JSON.stringify({ batch: [{ type: 'track', userId: 'gzip-user', event: 'Probe' }] }));
      const r = await post('/v1/batch', body, { 'content-encoding': 'gzip' });
      expect(r).toMatchObject({ status: 200, json: { accepted: 1 } });
    });

    it('refuses a gzip bomb (1 GiB of zeros in ~1 MB) with 413 quickly, without inflating it', async () => {
      const bomb = await gzipOfZeros(1024 ** 3);
      expect(bomb.byteLength).toBeLessThan(1024 * 1024);
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const r = await post('/v1/batch', bomb, { 'content-encoding': 'gzip' });
      const ms = performance.now() - started;
      expect(r.status).toBe(413);
      expect(r.json.error).toMatchObject({ code: 'payload_too_large' });
      expect(r.json.error.message).toContain('once decompressed');
      expect(ms).toBeLessThan(2000);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    }, 60_000);

    it('refuses a body that inflates just past 1 MiB, and accepts one just under', async () => {
      const message = (pad: number) => ({
        batch: [{ type: 'track', userId: 'size-user', event: 'Probe', properties: { pad: 'x'.repeat(pad) } }],
      });
      const overhead = JSON.stringify(message(0)).length;
      const fits = await post('/v1/batch', gzipSync(JSON.stringify(message(1024 * 1024 - overhead))), { 'content-encoding': 'gzip' });
      // It fits the body limit; the one message is too large for an event (32 KiB), which is an item rejection.
      expect(fits.status).toBe(200);
      expect(fits.json.rejected[0].code).toBe('event_too_large');
      const over = await post('/v1/batch', gzipSync(JSON.stringify(message(1024 * 1024 - overhead + 1))), { 'content-encoding': 'gzip' });
      expect(over.status).toBe(413);
    });

    it.each([
      ['broken gzip', Buffer.from('definitely not gzip'), { 'content-encoding': 'gzip' }, 400, 'invalid_request'],
      ['an unknown encoding', Buffer.from('{}'), { 'content-encoding': 'br' }, 415, 'unsupported_encoding'],
      ['a batch that is not { batch: [] }', JSON.stringify([{ type: 'track' }]), {}, 400, 'invalid_request'],
      ['a single message that is an array', JSON.stringify([]), {}, 400, 'invalid_request'],
      ['not JSON', '{"batch": [', {}, 400, 'invalid_json'],
      ['too many messages', JSON.stringify({ batch: Array.from({ length: 1001 }, () => ({})) }), {}, 413, 'batch_too_large'],
    ])('%s: %i with the error shape', async (_what, body, headers, status, code) => {
      const path = _what.startsWith('a single') ? '/v1/track' : '/v1/batch';
      const r = await post(path, body, headers as Record<string, string>);
      expect(r.status).toBe(status);
      expect(r.json.error.code).toBe(code);
      expect(specViolations('POST', path, status, r.json)).toEqual([]);
    });
  });

  describe('CORS for browser SDKs', () => {
    const preflight = (origin: string) =>
      fetch(`${base}/v1/batch`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });

    it('answers a preflight from an allowed origin, Authorization allowed', async () => {
      const res = await preflight(ALLOWED_ORIGIN);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    });

    it('gives no allow header to another origin', async () => {
      const res = await preflight('http://evil.example');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const post = await fetch(`${base}/v1/t`, {
        method: 'POST',
        headers: { origin: 'http://evil.example', authorization: basic(INGEST), 'content-type': 'text/plain' },
        body: JSON.stringify({ userId: 'cors-user', event: 'Probe' }),
      });
      expect(post.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('answers 503 when NATS cannot store the messages, so the SDK retries; bad input is still 200', async () => {
    // A gateway whose NATS connection goes through a proxy that then holds all traffic.
    const proxy = await TcpProxy.start(sys.nats.url);
    const nc = await connect({ servers: proxy.url, maxReconnectAttempts: -1 });
    const cut = await createGateway(nc, { keys: { admin: [ADMIN], ingest: [INGEST] } });
    const send = async (batch: unknown[]) => {
      const res = await cut.app.fetch(
        new Request('http://test/v1/batch', {
          method: 'POST',
          headers: { authorization: basic(INGEST), 'content-type': 'application/json' },
          body: JSON.stringify({ batch }),
        }),
      );
      return { status: res.status, json: await res.json() };
    };
    try {
      proxy.cut();
      const stored = await send([{ type: 'track', userId: 'nats-down', event: 'Probe', messageId: 'nats-down-1' }]);
      expect(stored.status).toBe(503);
      expect(stored.json.error.code).toBe('unavailable');
      expect(specViolations('POST', '/v1/batch', 503, stored.json)).toEqual([]);
      // Nothing to store: bad messages and ignored ones are answered as usual.
      const bad = await send([
        { type: 'track', event: 'no user' },
        { type: 'alias', userId: 'a', previousId: 'b' },
      ]);
      expect(bad).toMatchObject({ status: 200, json: { accepted: 1, rejected: [{ index: 0, code: 'invalid_message' }] } });
    } finally {
      proxy.heal();
      cut.stop();
      await nc.close();
      await proxy.stop();
    }
  }, 60_000);

  it('lists the Segment-spec routes in /openapi.json', async () => {
    const doc = await (await fetch(`${base}/openapi.json`)).json();
    for (const path of ['/v1/batch', '/v1/track', '/v1/identify', '/v1/page', '/v1/screen', '/v1/alias', '/v1/group']) {
      expect(doc.paths[path].post['x-liveseg-role']).toBe('ingest');
    }
  });
});

/** A gzip stream of `bytes` zero bytes, compressed as it is produced (never holding them all). */
async function gzipOfZeros(bytes: number): Promise<Buffer> {
  const gz = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gz.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((r) => gz.on('end', r));
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  for (let sent = 0; sent < bytes; sent += chunk.byteLength) {
    if (!gz.write(chunk)) await new Promise((r) => gz.once('drain', r));
  }
  gz.end();
  await done;
  return Buffer.concat(out);
}
