import process from 'node:process';
import { connect } from '@nats-io/transport-node';
import { jsonLogger } from '../../actors/logger.ts';
import { LivesegError } from '../../actors/errors.ts';
import { Worker } from '../../actors/worker/index.ts';
import { natsUrl, onShutdown, options } from './options.ts';

/** `liveseg worker [--id NAME] [--shard I/N]`: one worker against NATS_URL. */
export async function run(args: string[]): Promise<void> {
  const o = options(args, { id: { type: 'string' }, shard: { type: 'string' } });
  const id = o.id ?? `worker-${crypto.randomUUID().slice(0, 8)}`;
  const shard = parseShard(o.shard);
  const log = jsonLogger(`worker:${id}`, (process.env.LIVESEG_LOG_LEVEL as 'info') ?? 'info');
  const nc = await connect({ servers: natsUrl(), name: `liveseg-${id}`, maxReconnectAttempts: -1 });
  const worker = await Worker.start(nc, { id, shard, log });
  const stop = async () => {
    await worker.stop();
    await nc.drain();
    log.info('worker stopped', { worker: id, ...worker.stats() });
  };
  onShutdown(stop);
  // Started by `liveseg dev`: exit when the parent dies, even by SIGKILL (its pipe closes).
  if (process.env.LIVESEG_PARENT_PIPE === '1') process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM')).resume();
}

function parseShard(raw: string | undefined): { index: number; count: number } | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) {
    throw new LivesegError('bad_arguments', `--shard must be I/N with 0 <= I < N, got ${raw}`);
  }
  return { index: Number(m[1]), count: Number(m[2]) };
}
