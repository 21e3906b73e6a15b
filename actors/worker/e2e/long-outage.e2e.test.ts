import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  entriesPerUser,
  startFaultyWorker,
  startProxiedRig,
  startShortWindowSystem,
  WriteGate,
  type FaultyWorker,
  type ProxiedRig,
} from '../../../deploy/testing/faulty-worker.ts';
import { eventually } from '../../../deploy/testing/system.ts';

/**
 * The stream's duplicate window is 1 s here. A worker's entries reach the stream but their
 * acknowledgements do not (the link back is held for 7 s), so it retries them long after the window
 * forgot them; then it crashes after publishing entries, before acking, and comes back after the
 * window to replay. Each entry must still be on the stream once.
 */
describe('entries stay unique past the duplicate window', () => {
  let rig: ProxiedRig;
  beforeAll(async () => {
    rig = await startProxiedRig(await startShortWindowSystem(1000));
  }, 30_000);
  afterAll(() => rig?.stop());

  it('a flush retried through an outage longer than the window, then a replay after a crash', async () => {
    const { sys, proxy, workers } = rig;
    const seg = await sys.http('POST', '/v1/segments', { name: 'Visit', trigger: { kind: 'action', event: 'Visit' } });
    const visit = async (users: string[]) => {
      for (const userId of users) await sys.producer.publishEvent({ id: `${userId}-v`, userId, name: 'Visit', ts: Date.now(), props: {} });
    };
    const first = Array.from({ length: 40 }, (_, i) => `lo-${i}`);
    const second = Array.from({ length: 40 }, (_, i) => `lo2-${i}`);
    const gate = new WriteGate();
    let crashNext = false;
    // Data through the proxy; leases over a direct link with a long TTL: A stays the owner.
    const a: FaultyWorker = await startFaultyWorker('a', {
      url: proxy.url,
      controlUrl: sys.nats.url,
      leases: { ttlMs: 60_000, heartbeatMs: 500 },
      fault: (point, p) => {
        if (point === 'entries' && crashNext) {
          void a.kill();
          return new Promise(() => {});
        }
        return gate.fault(point, p);
      },
    });
    workers.push(a);

    // 1. The entries go out, their acknowledgements are held for 7 s: A retries them past the window.
    const g1 = gate.arm('records');
    await visit(first);
    await g1.reached;
    proxy.cut('down');
    g1.release();
    await new Promise((r) => setTimeout(r, 7000));
    proxy.heal();
    await eventually(async () => (await entriesPerUser(sys, seg.json.id)).size >= first.length, 30_000, 250);

    // 2. A crashes after publishing entries, before acking; it comes back after the window and replays.
    const g2 = gate.arm('records');
    await visit(second);
    await g2.reached;
    crashNext = true;
    g2.release();
    await eventually(() => a.crashed, 20_000, 50);
    await new Promise((r) => setTimeout(r, 1500));
    const back = await startFaultyWorker('a', { url: sys.nats.url, leases: { ttlMs: 60_000, heartbeatMs: 500 } });
    workers.push(back);
    await eventually(() => back.owns(0), 10_000, 50);
    await eventually(async () => (await entriesPerUser(sys, seg.json.id)).size >= first.length + second.length, 30_000, 250);
    await new Promise((r) => setTimeout(r, 1500));
    const perUser = await entriesPerUser(sys, seg.json.id);
    expect(perUser.size).toBe(first.length + second.length);
    expect([...perUser.values()].every((c) => c === 1)).toBe(true);
  }, 150_000);
});
