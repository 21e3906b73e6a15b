import process from 'node:process';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { partitionConsumer, STREAM_IN } from '../../actors/bus/names.ts';
import { readPartitions } from '../../actors/bus/provision.ts';
import { natsServers, options } from './options.ts';

/** `liveseg status`: per partition, its consumer's lag (pending and unacknowledged messages). */
export async function run(args: string[]): Promise<void> {
  options(args, {});
  const nc = await connect({ servers: natsServers(), name: 'liveseg-status' });
  try {
    const partitions = await readPartitions(nc);
    const jsm = await jetstreamManager(nc);
    const rows = ['partition  pending  unacked  delivered'];
    for (let p = 0; p < partitions; p++) {
      const info = await jsm.consumers.info(STREAM_IN, partitionConsumer(p)).catch(() => undefined);
      rows.push(info
        ? `${String(p).padStart(9)}  ${String(info.num_pending).padStart(7)}  ${String(info.num_ack_pending).padStart(7)}  ${String(info.delivered.stream_seq).padStart(9)}`
        : `${String(p).padStart(9)}  (no consumer yet: no worker has taken it)`);
    }
    process.stdout.write(rows.join('\n') + '\n');
  } finally {
    await nc.close();
  }
}
