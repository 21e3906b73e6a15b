import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterEach, describe, expect, it } from 'vitest';
import { STREAM_IN } from '../../bus/names.ts';
import { startNatsCluster } from '../../../deploy/nats/index.ts';
import { spawnWorker, type WorkerProcess } from '../../../deploy/testing/processes.ts';
import { eventually, startTestSystem } from '../../../deploy/testing/system.ts';
import { expectExactlyOnce, load } from './faults.ts';

/** Partitions a worker process holds now, from its "partition taken" / "partition released" log lines. */
function partitionsHeld(w: WorkerProcess): number {
  let held = 0;
  for (const line of w.output().split('\n')) {
    if (line.includes('"partition taken"')) held++;
    else if (line.includes('"partition released"')) held--;
  }
  return held;
}

describe('NATS cluster faults under load', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
  });

  it('a 3-node cluster loses the leader of the input stream under load: processing continues, nothing is lost', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'liveseg-cluster-'));
    const cluster = await startNatsCluster({ dataDir });
    cleanups.push(async () => {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const sys = await startTestSystem({ nats: cluster, dataDir, partitions: 4, replicas: 3, worker: false });
    cleanups.push(() => sys.stop({ keepNats: true }));
    // Leases must outlive a failover: JetStream 2.9 re-elects a leader 4–9 s after losing it (fixed
    // raft timeouts), and a renewal sent just before the kill times out 5 s later (client default).
    // Measured: the lease bucket was without a leader for up to 8 s; a 10 s lease (valid 9 s) then
    // expired, and the partitions were handed over again in the middle of the failover.
    const env = { LIVESEG_LEASE_TTL_MS: '20000', LIVESEG_HEARTBEAT_MS: '1000' };
    const workers = await Promise.all([spawnWorker(cluster.url, 'c1', { env }), spawnWorker(cluster.url, 'c2', { env })]);
    cleanups.push(async () => {
      await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    });
    // The node dies in a settled system (two partitions each), so the test is about the failover,
    // not about a rebalance that happens to overlap it.
    await eventually(() => workers.every((w) => partitionsHeld(w) === 2), 30_000, 100);
    const seg = await sys.http('POST', '/v1/segments', { name: 'Orders', trigger: { kind: 'action', event: 'Order' } });

    // The victim is the leader of LIVESEG_IN, the stream every producer writes to and every
    // partition reads from: the producer, and the workers' pulls, must fail over to a new leader.
    // (Killing a follower would only test client reconnects.)
    const jsm = await jetstreamManager(sys.nc);
    const leader = (await jsm.streams.info(STREAM_IN)).cluster?.leader;
    const victim = cluster.names.indexOf(leader ?? '');
    expect(victim).toBeGreaterThanOrEqual(0);

    const loading = load(sys, 'cl', 400, 5);
    await new Promise((r) => setTimeout(r, 800));
    await cluster.nodes[victim].stop('SIGKILL');
    await loading;
    await expectExactlyOnce(sys, seg.json.id, 400);
  }, 120_000);
});
