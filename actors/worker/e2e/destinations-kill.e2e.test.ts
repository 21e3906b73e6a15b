import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker, type WorkerProcess } from '../../../deploy/testing/processes.ts';
import { eventually, startTestSystem, type TestSystem } from '../../../deploy/testing/system.ts';
import { publishEntries, reach } from '../../../gateway/e2e/helpers.ts';
import { startReceiver, type Receiver } from '../../destinations/e2e/receiver.ts';

/** Delivery by real `liveseg worker` processes: one is SIGKILLed mid-stream and nothing is lost; Deno delivers too. */
describe('destinations: delivery by worker processes', () => {
  let sys: TestSystem;
  let receiver: Receiver;
  let secret: string | undefined;
  const workers: WorkerProcess[] = [];
  // Short retries and ack wait, so what the killed process held comes back within seconds.
  const env = {
    LIVESEG_DESTINATIONS_ALLOW_PRIVATE: '1',
    LIVESEG_DESTINATIONS_ACK_WAIT_MS: '2000',
    LIVESEG_DESTINATIONS_RETRY_FIRST_MS: '200',
    LIVESEG_DESTINATIONS_RETRY_MAX_MS: '500',
    LIVESEG_DESTINATIONS_RETRY_FOR_MS: '600000',
  };

  beforeAll(async () => {
    sys = await startTestSystem({ worker: false, destinations: { allowPrivate: true } });
    receiver = await startReceiver(() => secret);
  }, 30_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await receiver?.stop();
    await sys?.stop();
  });

  it('SIGKILL of the delivering worker loses no entry: the next worker delivers the rest', async () => {
    const seg = (await sys.http('POST', '/v1/segments', { name: 'Killed', trigger: { kind: 'action', event: 'K' } })).json.id;
    workers.push(await spawnWorker(sys.nats.url, 'd1', { env }));
    const created = await sys.http('POST', '/v1/destinations', { name: 'sink', url: receiver.url, segments: [seg] });
    expect(created.status).toBe(201);
    secret = created.json.secret;
    const total = 600;
    const ids = Array.from({ length: total }, (_, i) => `${seg}:u${i}:1`);
    // A steady stream of 10 entries every 50 ms (3 s in all), the worker killed once a third has arrived.
    let published = 0;
    const publishing = (async () => {
      while (published < total) {
        await publishEntries(
          sys.nc,
          Array.from({ length: 10 }, (_, i) => ({ segmentId: seg, userId: `u${published + i}`, at: Date.now(), reach: reach('email') })),
        );
        published += 10;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await eventually(() => receiver.deliveredIds().size >= total / 3, 20_000, 5);
    await workers[0]!.kill('SIGKILL');
    const atKill = { delivered: receiver.deliveredIds().size, published };
    await publishing;
    // Killed mid-stream: entries were still being published, and some were not delivered yet.
    expect(atKill.published).toBeLessThan(total);
    expect(atKill.delivered).toBeLessThan(total);
    workers.push(await spawnWorker(sys.nats.url, 'd2', { env }));
    await eventually(() => receiver.deliveredIds().size === total, 30_000);
    expect([...receiver.deliveredIds()].sort()).toEqual([...ids].sort());
    expect(receiver.unverified).toBe(0);
  }, 90_000);

  it('a worker under Deno delivers, signed the same way', async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill('SIGTERM')));
    const seg = (await sys.http('POST', '/v1/segments', { name: 'Deno', trigger: { kind: 'action', event: 'D' } })).json.id;
    const created = await sys.http('POST', '/v1/destinations', { name: 'deno sink', url: receiver.url, segments: [seg] });
    secret = created.json.secret;
    workers.push(await spawnWorker(sys.nats.url, 'deno-d1', { runtime: 'deno', env }));
    await publishEntries(
      sys.nc,
      Array.from({ length: 20 }, (_, i) => ({ segmentId: seg, userId: `d${i}`, at: Date.now(), reach: reach('sms') })),
    );
    await eventually(() => [...receiver.deliveredIds()].filter((id) => id.startsWith(`${seg}:`)).length === 20, 30_000);
    expect(receiver.unverified).toBe(0);
  }, 60_000);
});
