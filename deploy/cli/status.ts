import process from 'node:process';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BUCKET_LEASES, partitionConsumer, STREAM_IN } from '../../actors/bus/names.ts';
import { readPartitions } from '../../actors/bus/provision.ts';
import { systemClock } from '../../actors/clock.ts';
import { DEFAULT_LEASE_TIMING, Leases } from '../../actors/worker/index.ts';
import { natsServers, options } from './options.ts';

const pad = (v: unknown, n: number) => String(v).padStart(n);

/** `liveseg status`: partitions with owner, consumer lag and pending timers; workers with hot users. */
export async function run(args: string[]): Promise<void> {
  const o = options(args, { json: { type: 'boolean' } });
  const nc = await connect({ servers: natsServers(), name: 'liveseg-status' });
  try {
    const partitions = await readPartitions(nc);
    const jsm = await jetstreamManager(nc);
    const leases = new Leases(await new Kvm(nc).open(BUCKET_LEASES), jsm, 'status', systemClock, DEFAULT_LEASE_TIMING);
    const [owners, workers] = await Promise.all([leases.owners(partitions), leases.registrations()]);
    const timers = new Map<number, number>();
    for (const w of workers) {
      for (const [p, n] of Object.entries((w.stats?.timersByPartition ?? {}) as Record<string, number>)) timers.set(Number(p), n);
    }
    const rows = await Promise.all(
      [...Array(partitions).keys()].map(async (p) => {
        const info = await jsm.consumers.info(STREAM_IN, partitionConsumer(p)).catch(() => undefined);
        const owner = owners[p] && owners[p]!.expiresAt > Date.now() ? owners[p]!.owner : null;
        return { partition: p, owner, lag: info ? info.num_pending + info.num_ack_pending : null, pendingTimers: timers.get(p) ?? null };
      }),
    );
    const report = {
      partitions: rows,
      workers: workers.map((w) => ({ id: w.owner, ...w.stats })),
    };
    if (o.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const lines = ['partition  owner                 lag  timers'];
    for (const r of rows)
      lines.push(`${pad(r.partition, 9)}  ${(r.owner ?? '(none)').padEnd(16)} ${pad(r.lag ?? '-', 8)}  ${pad(r.pendingTimers ?? '-', 6)}`);
    lines.push('', 'worker            partitions  processed   entries  hot users  timers');
    for (const w of workers) {
      const s = (w.stats ?? {}) as Record<string, number & number[]>;
      lines.push(
        `${w.owner.padEnd(16)}  ${pad((s.partitions ?? []).length, 10)}  ${pad(s.processed ?? 0, 9)}  ${pad(s.entries ?? 0, 8)}  ${pad(s.hotUsers ?? 0, 9)}  ${pad(s.pendingTimers ?? 0, 6)}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await nc.close();
  }
}
