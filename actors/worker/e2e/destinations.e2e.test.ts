import { Kvm } from '@nats-io/kv';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from '../../../deploy/testing/system.ts';
import { publishEntries, reach, specViolations } from '../../../gateway/e2e/helpers.ts';
import { createGateway } from '../../../gateway/system.ts';
import { BUCKET_DESTINATIONS, STREAM_ENTRIES } from '../../bus/names.ts';
import { deliveryConsumer } from '../../destinations/consumers.ts';
import { Deliverer } from '../../destinations/deliverer.ts';
import { newSecret } from '../../destinations/signature.ts';
import { definitionKey } from '../../destinations/store.ts';
import type { RecentDelivery } from '../../destinations/types.ts';
import { startReceiver, type Receiver } from '../../destinations/e2e/receiver.ts';

/**
 * Delivery end to end: a real nats-server, the gateway's API, an in-process deliverer with a short
 * retry schedule, and real HTTP receivers that verify every signature with `standardwebhooks`.
 */
describe('destinations: delivery to webhooks', () => {
  let sys: TestSystem;
  let deliverer: Deliverer;
  const receivers: Receiver[] = [];
  const attempts: Array<RecentDelivery & { destination: string }> = [];
  const secrets = new Map<number, string>();

  /** Calls the gateway, and checks every answer against the OpenAPI document. */
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await sys.http(method, path, body);
    expect(specViolations(method, path, res.status, res.json), `${method} ${path}`).toEqual([]);
    return res;
  };
  const segment = async (name: string): Promise<string> =>
    (await api('POST', '/v1/segments', { name, trigger: { kind: 'action', event: name } })).json.id;
  const receiver = async (answer?: Parameters<typeof startReceiver>[1]) => {
    const i = receivers.length;
    const r = await startReceiver(() => secrets.get(i), answer);
    receivers.push(r);
    return { r, setSecret: (s: string) => secrets.set(i, s) };
  };
  /** Creates a destination through the API for a fresh receiver. */
  const destination = async (segments: string[], answer?: Parameters<typeof startReceiver>[1]) => {
    const { r, setSecret } = await receiver(answer);
    const res = await api('POST', '/v1/destinations', { name: `to ${r.port}`, url: r.url, segments });
    expect(res.status).toBe(201);
    setSecret(res.json.secret);
    return { r, id: res.json.id as string, secret: res.json.secret as string };
  };
  const entries = (segmentId: string, from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ segmentId, userId: `u${from + i}`, at: Date.now(), reach: reach('email') }));
  const detail = async (id: string) => (await api('GET', `/v1/destinations/${id}`)).json;

  beforeAll(async () => {
    sys = await startTestSystem({ worker: false, destinations: { allowPrivate: true } });
    deliverer = await Deliverer.start(sys.nc, {
      policy: { allowPrivate: true },
      schedule: { firstMs: 100, maxMs: 400, forMs: 60_000 },
      consumer: { ackWaitMs: 3000 },
      timeoutMs: 1000,
      concurrency: 4,
      flushMs: 200,
      onAttempt: (destination, d) => attempts.push({ ...d, destination }),
    });
  }, 30_000);
  afterAll(async () => {
    await deliverer?.stop();
    await Promise.all(receivers.map((r) => r.stop()));
    await sys?.stop();
  });

  it('delivers each entry stored after creation once to a healthy receiver, signed and shaped as documented', async () => {
    const seg = await segment('Healthy');
    await publishEntries(sys.nc, entries(seg, 0, 5)); // before the destination: never delivered
    await new Promise((r) => setTimeout(r, 20));
    // Two delivering processes share the destination's consumer.
    const counts = { main: 0, other: 0 };
    const other = await Deliverer.start(sys.nc, { policy: { allowPrivate: true }, concurrency: 4, flushMs: 200 });
    const { r, id } = await destination([seg]);
    const seenBefore = attempts.length;
    await publishEntries(sys.nc, entries(seg, 100, 50));
    await eventually(() => r.deliveredIds().size === 50, 15_000);
    await new Promise((res) => setTimeout(res, 500));
    counts.main = attempts.slice(seenBefore).filter((a) => a.destination === id).length;
    counts.other = other.stats().delivered;
    await other.stop();
    expect(counts.main + counts.other).toBe(50);
    expect(r.unverified).toBe(0);
    expect(r.received.length).toBe(50);
    expect([...r.deliveredIds()].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `${seg}:u${100 + i}:1`).sort());
    const first = r.received.find((x) => x.id === `${seg}:u100:1`)!.body;
    expect(first).toEqual({
      type: 'segment.entry',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: {
        segmentId: seg,
        userId: 'u100',
        at: expect.any(Number),
        cause: { kind: 'action' },
        reach: reach('email'),
        segmentName: 'Healthy',
      },
    });
    await eventually(async () => (await detail(id)).stats.delivered === 50, 5000);
    const d = await detail(id);
    expect(d.stats).toEqual({ delivered: 50, retrying: 0, failed: 0 });
    expect(d.recent[0]).toMatchObject({ ok: true, status: 204, outcome: 'delivered', attempt: 1 });
    expect(d.secret).toBeUndefined();
  }, 30_000);

  it('retries a receiver that fails twice, with the same webhook-id each time, until it succeeds', async () => {
    const seg = await segment('Flaky');
    const { r, id } = await destination([seg], (_id, before) => (before < 2 ? 503 : 200));
    await publishEntries(sys.nc, entries(seg, 0, 20));
    await eventually(() => r.deliveredIds().size === 20, 15_000);
    expect(r.unverified).toBe(0);
    for (const wid of r.deliveredIds()) {
      const tries = r.attemptsOf(wid);
      expect(tries.map((t) => t.status)).toEqual([503, 503, 200]);
      expect(new Set(tries.map((t) => t.id))).toEqual(new Set([wid]));
      // first retry after ~100 ms, the second after ~200 ms: scheduled, not immediate
      expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(80);
      expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(160);
    }
    await eventually(async () => (await detail(id)).stats.delivered === 20, 5000);
    expect((await detail(id)).stats).toEqual({ delivered: 20, retrying: 0, failed: 0, lastError: 'status 503' });
  }, 30_000);

  it('delivers everything to a receiver that was down for a while, once it is back', async () => {
    const seg = await segment('Down');
    const { r, id } = await destination([seg]);
    await r.stop();
    await publishEntries(sys.nc, entries(seg, 0, 30));
    await eventually(async () => (await detail(id)).stats.retrying === 30, 10_000);
    expect((await detail(id)).stats.lastError).toMatch(/network error/);
    await new Promise((res) => setTimeout(res, 1500)); // several rounds of retries fail
    await r.start();
    await eventually(() => r.deliveredIds().size === 30, 15_000);
    await eventually(async () => (await detail(id)).stats.delivered === 30, 5000);
    expect((await detail(id)).stats).toMatchObject({ delivered: 30, retrying: 0, failed: 0 });
  }, 40_000);

  it('a dead destination does not slow a healthy one on the same segment', async () => {
    const seg = await segment('Shared');
    const dead = await destination([seg], () => 'hang');
    const { r: healthy } = await destination([seg]);
    const sent = Date.now();
    await publishEntries(sys.nc, entries(seg, 0, 200));
    await eventually(() => healthy.deliveredIds().size === 200, 10_000);
    const took = Date.now() - sent;
    // The dead one has had its 4 slots hanging (1 s timeout each) the whole time: at most 4
    // requests at once, and retries waiting, while the healthy one got all 200 promptly.
    expect(took).toBeLessThan(3000);
    const deadTries = attempts.filter((a) => a.destination === dead.id);
    expect(deadTries.every((a) => !a.ok)).toBe(true);
    expect(dead.r.received.length).toBeGreaterThan(0);
  }, 30_000);

  it('gives up after the schedule and counts the entry failed, with the last error', async () => {
    const seg = await segment('Gone');
    const short = await Deliverer.start(sys.nc, {
      policy: { allowPrivate: true },
      schedule: { firstMs: 100, maxMs: 100, forMs: 250 },
      consumer: { ackWaitMs: 3000 },
      timeoutMs: 1000,
      flushMs: 100,
    });
    // Both deliverers share the consumers; stop the long-schedule one's share by giving it nothing:
    // this destination is created while only `short` must give up, so the test counts attempts.
    const { r, id } = await destination([seg], () => 500);
    await publishEntries(sys.nc, entries(seg, 0, 3));
    await eventually(async () => (await detail(id)).stats.failed === 3, 15_000);
    const d = await detail(id);
    expect(d.stats).toMatchObject({ failed: 3, retrying: 0, delivered: 0, lastError: 'status 500' });
    expect(d.recent[0]).toMatchObject({ outcome: 'failed', ok: false, status: 500 });
    // 1 + floor(250 / 100) = 3 tries each with `short`'s schedule; the other deliverer may add tries of its own.
    expect(r.received.length).toBeGreaterThanOrEqual(9);
    await short.stop();
  }, 30_000);

  it('refuses private targets at delivery time too, on the resolved address', async () => {
    const seg = await segment('Private');
    const closed = await Deliverer.start(sys.nc, {
      policy: { allowPrivate: false, resolve: async () => ['10.0.0.1'] },
      schedule: { firstMs: 100, maxMs: 100, forMs: 150 },
      consumer: { ackWaitMs: 3000 },
      flushMs: 100,
    });
    // Stored as a gateway with LIVESEG_DESTINATIONS_ALLOW_PRIVATE=1 would; a deliverer without it refuses.
    await deliverer.stop();
    const { r, setSecret } = await receiver();
    const kv = await new Kvm(sys.nc).open(BUCKET_DESTINATIONS);
    const dst = {
      id: 'dst_private1',
      name: 'p',
      url: 'http://hooks.example.test/x',
      segments: [seg],
      createdAt: Date.now() - 1000,
      secret: newSecret(),
    };
    setSecret(dst.secret);
    await kv.create(definitionKey(dst.id), JSON.stringify(dst));
    await publishEntries(sys.nc, entries(seg, 0, 2));
    await eventually(async () => (await detail(dst.id)).stats.failed === 2, 10_000);
    expect((await detail(dst.id)).stats.lastError).toBe('refused: hooks.example.test resolves to 10.0.0.1 (private)');
    expect(r.received.length).toBe(0);
    await closed.stop();
    deliverer = await Deliverer.start(sys.nc, {
      policy: { allowPrivate: true },
      schedule: { firstMs: 100, maxMs: 400, forMs: 60_000 },
      consumer: { ackWaitMs: 3000 },
      timeoutMs: 1000,
      concurrency: 4,
      flushMs: 200,
      onAttempt: (destination, d) => attempts.push({ ...d, destination }),
    });
  }, 30_000);

  it('sends a signed test on demand, deletes a destination with its consumers, and exposes metrics', async () => {
    const seg = await segment('Tested');
    const { r, id } = await destination([seg]);
    const t = await api('POST', `/v1/destinations/${id}/test`);
    expect(t.status).toBe(200);
    expect(t.json).toEqual({ ok: true, status: 204, ms: expect.any(Number) });
    expect(r.received[0]).toMatchObject({
      verified: true,
      body: { type: 'destination.test', data: { segmentId: seg, segmentName: 'Tested' } },
    });
    expect((await detail(id)).recent[0]).toMatchObject({ outcome: 'test', ok: true });

    await publishEntries(sys.nc, entries(seg, 0, 3));
    await eventually(() => r.deliveredIds().size === 4, 10_000);
    await eventually(async () => (await detail(id)).stats.delivered === 3, 5000);
    const list = (await api('GET', '/v1/destinations')).json.destinations;
    const listed = list.find((x: { id: string }) => x.id === id);
    expect(listed).toEqual({
      id,
      name: `to ${r.port}`,
      url: r.url,
      segments: [seg],
      createdAt: expect.any(Number),
      stats: { delivered: 3, retrying: 0, failed: 0 },
    });
    expect(JSON.stringify(list)).not.toContain('whsec_');

    await eventually(
      async () =>
        (await api('GET', '/metrics')).text.includes(`liveseg_destination_deliveries_total{destination="${id}",outcome="delivered"} 3`),
      8000,
    );
    const metrics = (await api('GET', '/metrics')).text;
    expect(metrics).toContain('# TYPE liveseg_destination_delivery_seconds histogram');
    expect(metrics).toContain(`liveseg_destination_delivery_seconds_count{destination="${id}"} 3`);
    expect(metrics).toContain(`liveseg_destination_backlog{destination="${id}",state="pending"} 0`);

    expect((await api('DELETE', `/v1/destinations/${id}`)).status).toBe(204);
    expect((await api('GET', `/v1/destinations/${id}`)).status).toBe(404);
    const jsm = await jetstreamManager(sys.nc);
    await eventually(async () => !(await jsm.consumers.info(STREAM_ENTRIES, deliveryConsumer(id, seg)).catch(() => undefined)), 5000);
    await publishEntries(sys.nc, entries(seg, 10, 3));
    await new Promise((res) => setTimeout(res, 500));
    expect(r.deliveredIds().size).toBe(4);
  }, 30_000);

  it('answers bad input with 400 and every problem, unknown ids with 404', async () => {
    const seg = await segment('Validated');
    const bad = await api('POST', '/v1/destinations', { name: '', url: 'ftp://u:p@x', segments: [seg, 'sg_nope'] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_request');
    expect(bad.json.error.details).toEqual([
      { path: 'name', message: 'must be a non-empty string' },
      { path: 'url', message: 'scheme must be http or https, not ftp' },
      { path: 'url', message: 'must not carry credentials (user:password@); receivers verify the signature instead' },
      { path: 'segments[1]', message: 'no segment "sg_nope"' },
    ]);
    const many = await api('POST', '/v1/destinations', { name: 'n', url: 'https://x.example', segments: Array(21).fill(seg) });
    expect(many.status).toBe(400);
    expect(many.json.error.details).toEqual([{ path: 'segments', message: 'at most 20 segments per destination, got 21' }]);
    expect((await api('POST', '/v1/destinations', { name: 'n', url: 'not a url', segments: [seg] })).json.error.details).toEqual([
      { path: 'url', message: 'is not a valid URL' },
    ]);
    expect((await api('POST', '/v1/destinations', '{nope')).status).toBe(400);
    expect((await api('POST', '/v1/destinations', [])).status).toBe(400);
    expect(
      (await api('POST', '/v1/destinations', { name: 'n', url: 'https://x.example', segments: [seg], x: 'a'.repeat(20_000) })).status,
    ).toBe(413);
    for (const [method, path] of [
      ['GET', '/v1/destinations/dst_unknown'],
      ['DELETE', '/v1/destinations/dst_unknown'],
      ['POST', '/v1/destinations/dst_unknown/test'],
      ['GET', '/v1/destinations/..%2F..'],
    ] as const) {
      const res = await api(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    }
  });

  it('a gateway without LIVESEG_DESTINATIONS_ALLOW_PRIVATE refuses loopback, link-local and private targets', async () => {
    const seg = await segment('Guarded');
    const gw = await createGateway(sys.nc, {
      keys: { admin: [], ingest: [] },
      destinations: { allowPrivate: false, resolve: async (h) => (h === 'inside.example' ? ['192.168.1.10'] : ['93.184.216.34']) },
    });
    try {
      for (const url of [
        'http://127.0.0.1:8080/h',
        'http://localhost/h',
        'http://[::1]/h',
        'http://[::ffff:127.0.0.1]/h',
        'http://0.0.0.0/h',
        'http://169.254.169.254/latest',
        'http://10.1.2.3/h',
        'http://172.16.0.1/h',
        'http://[fd00::1]/h',
        'http://[fe80::1]/h',
        'http://100.64.0.1/h',
        'https://inside.example/h',
      ]) {
        const res = await gw.app.fetch(
          new Request('http://test/v1/destinations', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: 'n', url, segments: [seg] }),
          }),
        );
        const json = (await res.json()) as { error: { details: Array<{ path: string; message: string }> } };
        expect(res.status, url).toBe(400);
        expect(json.error.details[0]!.path).toBe('url');
        expect(json.error.details[0]!.message).toMatch(/^refused: .*LIVESEG_DESTINATIONS_ALLOW_PRIVATE=1/);
      }
      const ok = await gw.app.fetch(
        new Request('http://test/v1/destinations', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'n', url: 'https://outside.example/h', segments: [seg] }),
        }),
      );
      expect(ok.status).toBe(201);
    } finally {
      gw.stop();
    }
  });
});
