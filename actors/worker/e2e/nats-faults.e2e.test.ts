import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startNatsCluster, startNatsServer, type NatsServer } from '../../../deploy/nats/index.ts';
import { spawnWorker, type WorkerProcess } from '../../../deploy/testing/processes.ts';
import { eventually, startTestSystem, type TestSystem } from '../../../deploy/testing/system.ts';

/** Publishes `count` unique users' events, one every `gapMs`, retrying each until NATS takes it. */
async function load(sys: TestSystem, prefix: string, count: number, gapMs: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const ev = { id: `${prefix}-${i}`, userId: `${prefix}-${i}`, name: 'Order', ts: Date.now(), props: {} };
    for (;;) {
      try {
        await sys.producer.publishEvent(ev);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
  }
}

async function expectExactlyOnce(sys: TestSystem, segmentId: string, count: number): Promise<void> {
  await eventually(async () => (await sys.entries()).filter((e) => e.segmentId === segmentId).length >= count, 90_000, 250);
  await new Promise((r) => setTimeout(r, 1000));
  const entries = (await sys.entries()).filter((e) => e.segmentId === segmentId);
  expect(entries.length).toBe(count);
  expect(new Set(entries.map((e) => e.userId)).size).toBe(count);
}

describe('NATS faults under load', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
  });

  it('a single nats-server restarts under load: workers reconnect, nothing is lost or duplicated', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'liveseg-restart-nats-'));
    let nats: NatsServer = await startNatsServer({ dataDir });
    const port = nats.port;
    const handle = { url: nats.url, stop: () => nats.stop() };
    const sys = await startTestSystem({ nats: handle, dataDir, partitions: 4, worker: false });
    cleanups.push(async () => { await sys.stop(); rmSync(dataDir, { recursive: true, force: true }); });
    const workers: WorkerProcess[] = [await spawnWorker(nats.url, 'r1'), await spawnWorker(nats.url, 'r2')];
    cleanups.push(async () => { await Promise.all(workers.map((w) => w.kill('SIGKILL'))); });
    const seg = await sys.http('POST', '/v1/segments', { name: 'Orders', trigger: { kind: 'action', event: 'Order' } });

    const loading = load(sys, 'nr', 400, 5);
    await new Promise((r) => setTimeout(r, 800));
    await nats.stop();
    await new Promise((r) => setTimeout(r, 500));
    nats = await startNatsServer({ dataDir, port });
    await loading;
    await expectExactlyOnce(sys, seg.json.id, 400);
  }, 90_000);

  it('a 3-node cluster loses a node under load: processing continues, nothing is lost', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'liveseg-cluster-'));
    const cluster = await startNatsCluster({ dataDir });
    cleanups.push(async () => { await cluster.stop(); rmSync(dataDir, { recursive: true, force: true }); });
    const sys = await startTestSystem({ nats: cluster, dataDir, partitions: 4, replicas: 3, worker: false });
    cleanups.push(() => sys.stop({ keepNats: true }));
    // Leases outlive a node's failover (JetStream elects new leaders within seconds).
    const env = { LIVESEG_LEASE_TTL_MS: '10000', LIVESEG_HEARTBEAT_MS: '1000' };
    const workers: WorkerProcess[] = [await spawnWorker(cluster.url, 'c1', { env }), await spawnWorker(cluster.url, 'c2', { env })];
    cleanups.push(async () => { await Promise.all(workers.map((w) => w.kill('SIGKILL'))); });
    const seg = await sys.http('POST', '/v1/segments', { name: 'Orders', trigger: { kind: 'action', event: 'Order' } });

    const loading = load(sys, 'cl', 400, 5);
    await new Promise((r) => setTimeout(r, 800));
    await cluster.nodes[0].stop('SIGKILL');
    await loading;
    await expectExactlyOnce(sys, seg.json.id, 400);
  }, 150_000);
});
