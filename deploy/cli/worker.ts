import process from 'node:process';
import { jsonLogger } from '../../actors/logger.ts';
import { LivesegError, logText } from '../../actors/errors.ts';
import { Worker } from '../../actors/worker/index.ts';
import { Deliverer, deliveryOptionsFromEnv } from '../../actors/destinations/index.ts';
import { systemResolve } from '../../gateway/services/destination-dns.ts';
import { HeapSlack } from './heap-slack.ts';
import { connectNats } from './nats-connect.ts';
import { intOption, logLevel, onShutdown, options } from './options.ts';

/** `liveseg worker [--id NAME]`: one worker against NATS_URL; lease timing and cache size from env. */
export async function run(args: string[]): Promise<void> {
  const o = options(args, { id: { type: 'string' } });
  const id = o.id ?? `worker-${crypto.randomUUID().slice(0, 8)}`;
  if (!/^[-\w]{1,64}$/.test(id)) throw new LivesegError('bad_arguments', `--id must be 1-64 letters, digits, '-' or '_', got ${id}`);
  const log = jsonLogger(`worker:${id}`, logLevel());
  const nc = await connectNats({ name: `liveseg-${id}`, reconnect: true });
  const leases = {
    ttlMs: intOption(process.env.LIVESEG_LEASE_TTL_MS, 'LIVESEG_LEASE_TTL_MS', 10_000, 500, 600_000),
    heartbeatMs: intOption(process.env.LIVESEG_HEARTBEAT_MS, 'LIVESEG_HEARTBEAT_MS', 2_000, 100, 60_000),
  };
  const cacheSize = intOption(process.env.LIVESEG_HOT_USERS, 'LIVESEG_HOT_USERS', 100_000, 100, 100_000_000);
  const cacheBytes = intOption(process.env.LIVESEG_HOT_MB, 'LIVESEG_HOT_MB', 64, 1, 1_000_000) * 2 ** 20;
  const control = await connectNats({ name: `liveseg-${id}-control`, reconnect: true });
  const worker = await Worker.start(nc, { id, log, leases, cacheSize, cacheBytes, control });
  // Webhook delivery runs in every worker (docs/destinations.md, "Where it runs"). Without it
  // (the bucket missing, NATS permissions of an older auth.conf) entries are still processed.
  const delivery = deliveryOptionsFromEnv(process.env);
  const deliverer = await Deliverer.start(nc, {
    log,
    policy: { allowPrivate: delivery.allowPrivate, resolve: systemResolve },
    schedule: delivery.schedule,
    consumer: delivery.ackWaitMs ? { ackWaitMs: delivery.ackWaitMs } : undefined,
    concurrency: delivery.concurrency,
    ratePerSecond: delivery.ratePerSecond,
  }).catch((err) => {
    log.error('webhook delivery not started; entries are processed, destinations wait', { err: logText(err) });
    return undefined;
  });
  const slack = new HeapSlack();
  const sizing = setInterval(() => {
    const was = slack.isBounded;
    slack.check(worker.stats().pendingTimers);
    if (slack.isBounded !== was) log.info(slack.isBounded ? 'many pending windows: heap growth bounded' : 'heap growth back to V8 default');
  }, 1000);
  sizing.unref();
  const stop = async () => {
    clearInterval(sizing);
    await deliverer?.stop();
    await worker.stop();
    await nc.drain();
    await control.drain();
    log.info('worker stopped', { worker: id, ...worker.stats(), deliveries: deliverer?.stats() });
  };
  onShutdown(stop);
  // Started by `liveseg dev`: exit when the parent dies, even by SIGKILL (its pipe closes).
  if (process.env.LIVESEG_PARENT_PIPE === '1') process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM')).resume();
}
