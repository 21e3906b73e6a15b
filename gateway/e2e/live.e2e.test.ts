import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';
import { serveNode } from '../node.ts';
import { createGateway } from '../system.ts';
import { openSse, publishEntries, reach, type SseClient } from './helpers.ts';

describe('GET /v1/segments/:id/live over real HTTP and NATS', () => {
  let sys: TestSystem;
  let server: { port: number; close(): Promise<void> };
  let segId: string;
  const clients: SseClient[] = [];
  const url = (id = segId) => `http://127.0.0.1:${server.port}/v1/segments/${id}/live`;
  const open = async (headers?: Record<string, string>) => {
    const c = await openSse(url(), headers);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 4 });
    server = await serveNode(sys.gateway.app, 0, '127.0.0.1', { assets: false });
    segId = (await sys.http('POST', '/v1/segments', { name: 'Tappers', trigger: { kind: 'action', event: 'Tapped' } })).json.id;
  }, 30_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
    await sys?.stop();
  });

  it('streams one entry event per entry and a rate tick every second', async () => {
    const a = await open();
    expect(a.status).toBe(200);
    const t0 = Date.now();
    await sys.http('POST', '/v1/profiles', { userId: 'l1', props: { email: 'l1@example.com' } });
    await sys.http('POST', '/v1/events', [
      ...['l1', 'l2', 'l3', 'l4', 'l5'].map((userId) => ({ userId, name: 'Tapped' })),
      ...Array.from({ length: 10 }, (_, i) => ({ userId: `noise-${i % 3}`, name: 'Noise' })),
    ]);
    await eventually(() => a.of('entry').length === 5, 5000);
    const entries = a.of('entry').map((e) => ({ id: Number(e.id), ...JSON.parse(e.data) }));
    expect(entries.map((e) => e.userId).sort()).toEqual(['l1', 'l2', 'l3', 'l4', 'l5']);
    expect(entries.find((e) => e.userId === 'l1')!.reach.email).toBe(true);
    expect(entries.every((e) => e.at >= t0 - 1000 && Number.isInteger(e.id))).toBe(true);
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((x, y) => x - y));

    // Ticks come once a second; wait until they have counted everything posted above.
    const rates = await eventually(() => {
      const r = a.of('rate').map((e) => JSON.parse(e.data));
      return r.reduce((s, x) => s + x.entries, 0) === 5 && r.reduce((s, x) => s + x.events, 0) >= 15 && r.length >= 2 ? r : undefined;
    }, 6000);
    for (const r of rates) expect(Object.keys(r).sort()).toEqual(['activeUsers', 'entries', 'events', 't']);
    expect(Math.max(...rates.map((r) => r.activeUsers))).toBeGreaterThanOrEqual(3);
    const gaps = rates.slice(1).map((r, i) => r.t - rates[i].t);
    for (const g of gaps) expect(g).toBeGreaterThan(700);
    expect(a.of('comment').map((c) => c.data)).toContain('connected');
  }, 15_000);

  it('fans out to many clients with one subscription, and resumes from Last-Event-ID', async () => {
    const first = clients[0];
    const ids = first.of('entry').map((e) => e.id!);
    const b = await open();
    const resumed = await open({ 'last-event-id': ids[1] });
    await eventually(() => resumed.of('entry').length === 3);
    expect(resumed.of('entry').map((e) => e.id)).toEqual(ids.slice(2));
    expect(sys.gateway.hub.clients).toBe(3);
    const metrics = await sys.http('GET', '/metrics');
    expect(metrics.text).toMatch(/^liveseg_sse_clients 3$/m);

    await publishEntries(sys.nc, [{ segmentId: segId, userId: 'direct', at: Date.now(), reach: reach('push') }]);
    for (const c of [first, b, resumed]) await eventually(() => c.of('entry').some((e) => JSON.parse(e.data).userId === 'direct'));
    expect(resumed.of('entry').filter((e) => e.id === ids[2])).toHaveLength(1); // no duplicates after replay
  });

  it('cleans up when clients disconnect', async () => {
    for (const c of clients.splice(0)) c.close();
    await eventually(() => sys.gateway.hub.clients === 0, 5000);
    expect((await sys.http('GET', '/metrics')).text).toMatch(/^liveseg_sse_clients 0$/m);
  });

  it('answers 404 for an unknown segment, before any stream starts', async () => {
    const res = await fetch(url('nope'));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('sends heartbeat comments, and ends streams when the gateway stops', async () => {
    const gw = await createGateway(sys.nc, { keys: { admin: [], ingest: [] }, heartbeatMs: 100 });
    const s = await serveNode(gw.app, 0, '127.0.0.1', { assets: false });
    try {
      const c = await openSse(`http://127.0.0.1:${s.port}/v1/segments/${segId}/live`);
      await eventually(() => c.of('comment').filter((x) => x.data === 'heartbeat').length >= 2, 3000);
      gw.stop();
      await c.closed;
      expect(gw.hub.clients).toBe(0);
    } finally {
      gw.stop();
      await s.close();
    }
  });
});
