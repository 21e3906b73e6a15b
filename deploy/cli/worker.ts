import process from 'node:process';
import { connect } from '@nats-io/transport-node';
import { jsonLogger } from '../../actors/logger.ts';
import { LivesegError } from '../../actors/errors.ts';
import { Worker } from '../../actors/worker/index.ts';
import { natsUrl, onShutdown, options } from './options.ts';

/** `liveseg worker [--id NAME] [--shard I/N]`: one worker against NATS_URL. */
export async function run(args: string[]): Promise<void> {
  const o = options(args, { id: { type: 'string' } });
  const id = o.id ?? `worker-${crypto.randomUUID().slice(0, 8)}`;
  if (!/^[-\w]{1,64}$/.test(id)) throw new LivesegError('bad_arguments', `--id must be 1-64 letters, digits, '-' or '_', got ${id}`);
  const log = jsonLogger(`worker:${id}`, (process.env.LIVESEG_LOG_LEVEL as 'info') ?? 'info');
  const nc = await connect({ servers: natsUrl(), name: `liveseg-${id}`, maxReconnectAttempts: -1 });
  const worker = await Worker.start(nc, { id, log });
  const stop = async () => {
    await worker.stop();
    await nc.drain();
    log.info('worker stopped', { worker: id, ...worker.stats() });
  };
  onShutdown(stop);
  // Started by `liveseg dev`: exit when the parent dies, even by SIGKILL (its pipe closes).
  if (process.env.LIVESEG_PARENT_PIPE === '1') process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM')).resume();
}
