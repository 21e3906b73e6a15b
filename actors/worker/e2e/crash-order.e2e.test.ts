import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesPerUser, startFaultyWorker, startShortWindowSystem, type FaultyWorker } from '../../../deploy/testing/faulty-worker.ts';
import { eventually, type TestSystem } from '../../../deploy/testing/system.ts';
import type { CrashPoint } from '../user-store.ts';

const LEASES = { ttlMs: 1500, heartbeatMs: 250 };
const WINDOW_MS = 3000;

/**
 * A worker is stopped for good at every point between a cut's writes, one after another (each
 * next owner crashing at the next point), while inaction windows are pending and entries are in
 * flight. The stream's duplicate window is shorter than a takeover, so only durable idempotence
 * keeps replays from entering anyone twice.
 */
describe('a crash between any two writes', () => {
  let sys: TestSystem;
  const workers: FaultyWorker[] = [];

  beforeAll(async () => {
    sys = await startShortWindowSystem(1000);
  }, 30_000);
  afterAll(async () => {
    for (const w of workers) await w.kill();
    await sys?.stop();
  });

  it('loses no pending window and enters no one twice, over many rounds and takeovers', async () => {
    const cart = await sys.http('POST', '/v1/segments', {
      name: 'Cart, no charge',
      trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: `${WINDOW_MS / 1000}s` },
    });
    const visit = await sys.http('POST', '/v1/segments', { name: 'Visit', trigger: { kind: 'action', event: 'Visit' } });
    const carts: string[] = [];
    const charged = new Set<string>();
    let n = 0;
    const step = async () => {
      for (let i = 0; i < 8; i++) {
        const userId = `u-${n++}`;
        const ts = Date.now();
        carts.push(userId);
        await sys.producer.publishEvent({ id: `${userId}-cart`, userId, name: 'Added To Cart', ts, props: {} });
        await sys.producer.publishEvent({ id: `${userId}-visit`, userId, name: 'Visit', ts, props: {} });
        if (n % 3 === 0) {
          charged.add(userId);
          await sys.producer.publishEvent({ id: `${userId}-charge`, userId, name: 'Charged', ts: ts + 1, props: {} });
        }
      }
    };

    const points: CrashPoint[] = ['index', 'records', 'entries', 'written'];
    const plan = [2, 6].flatMap((nth) => points.map((point) => ({ point, nth })));
    for (const [i, crashAt] of plan.entries()) {
      const w = await startFaultyWorker(`crash-${i}`, { url: sys.nats.url, leases: LEASES, crashAt });
      workers.push(w);
      await eventually(() => w.owns(0), 15_000, 50);
      while (!w.crashed) {
        await step();
        await new Promise((r) => setTimeout(r, 80));
      }
      await w.kill();
      await step(); // inputs that arrive while no one owns the partition
    }
    const last = await startFaultyWorker('survivor', { url: sys.nats.url, leases: LEASES });
    workers.push(last);
    await eventually(() => last.owns(0), 15_000, 50);
    await step();

    const expectedCart = carts.filter((u) => !charged.has(u));
    const count = (segmentId: string) => entriesPerUser(sys, segmentId);
    await eventually(async () => (await count(cart.json.id)).size >= expectedCart.length, 30_000, 250);
    await eventually(async () => (await count(visit.json.id)).size >= carts.length, 10_000, 250);
    await new Promise((r) => setTimeout(r, 1500));
    const carted = await count(cart.json.id);
    const visited = await count(visit.json.id);
    expect([...carted.keys()].sort()).toEqual([...expectedCart].sort());
    expect([...carted.values()].every((c) => c === 1)).toBe(true);
    expect(visited.size).toBe(carts.length);
    expect([...visited.values()].every((c) => c === 1)).toBe(true);
  }, 180_000);
});
