import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'vitest';
import { startNatsServer, type NatsServer } from '../../../deploy/nats/index.ts';
import { spawnWorker, type WorkerProcess } from '../../../deploy/testing/processes.ts';
import { startTestSystem } from '../../../deploy/testing/system.ts';
import { expectExactlyOnce, load } from './faults.ts';

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
    cleanups.push(async () => {
      await sys.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const workers: WorkerProcess[] = [await spawnWorker(nats.url, 'r1'), await spawnWorker(nats.url, 'r2')];
    cleanups.push(async () => {
      await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    });
    const seg = await sys.http('POST', '/v1/segments', { name: 'Orders', trigger: { kind: 'action', event: 'Order' } });

    const loading = load(sys, 'nr', 400, 5);
    await new Promise((r) => setTimeout(r, 800));
    await nats.stop();
    await new Promise((r) => setTimeout(r, 500));
    nats = await startNatsServer({ dataDir, port });
    await loading;
    await expectExactlyOnce(sys, seg.json.id, 400);
  }, 90_000);
});
