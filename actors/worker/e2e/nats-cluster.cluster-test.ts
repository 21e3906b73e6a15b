import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'vitest';
import { startNatsCluster } from '../../../deploy/nats/index.ts';
import { spawnWorker, type WorkerProcess } from '../../../deploy/testing/processes.ts';
import { startTestSystem } from '../../../deploy/testing/system.ts';
import { expectExactlyOnce, load } from './faults.ts';

// Run with `npm run test:cluster`. Not part of `npm test` yet: it passes most runs but within
// 40–110 s, and sometimes not within its limit while JetStream 2.9 re-elects leaders on this
// 2-core machine; it stays out of CI until that is understood (see the runtime issue).
describe('NATS cluster faults under load', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
  });

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
