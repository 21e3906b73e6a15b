import process from 'node:process';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { DEAD_LETTER_KINDS } from '../../actors/bus/dead-letters.ts';
import { BUCKET_LEASES, DLQ_WILDCARD, partitionConsumer, STREAM_DLQ, STREAM_IN } from '../../actors/bus/names.ts';
import { readPartitions } from '../../actors/bus/provision.ts';
import { systemClock } from '../../actors/clock.ts';
import { DEFAULT_LEASE_TIMING, Leases } from '../../actors/worker/index.ts';
import { connectNats } from './nats-connect.ts';
import { options } from './options.ts';

const pad = (v: unknown, n: number) => String(v).padStart(n);

/** Dead letters in LIVESEG_DLQ per kind, counted by subject (`liveseg.dlq.<kind>.…`); null without the stream. */
async function deadLetterCounts(jsm: JetStreamManager): Promise<Record<string, number> | null> {
  const info = await jsm.streams.info(STREAM_DLQ, { subjects_filter: DLQ_WILDCARD }).catch(() => undefined);
  if (!info) return null;
  const counts: Record<string, number> = Object.fromEntries(DEAD_LETTER_KINDS.map((k) => [k, 0]));
  for (const [subject, n] of Object.entries(info.state.subjects ?? {})) {
    const kind = subject.split('.')[2];
    counts[kind] = (counts[kind] ?? 0) + n;
  }
  return counts;
}

/** `liveseg status`: partitions with owner, consumer lag and pending timers; workers with hot users; dead letters per kind. */
export async function run(args: string[]): Promise<void> {
  const o = options(args, { json: { type: 'boolean' } });
  const nc = await connectNats({ name: 'liveseg-status' });
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
      deadLetters: await deadLetterCounts(jsm),
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
    const dl = report.deadLetters;
    lines.push(
      '',
      dl
        ? `dead letters (${STREAM_DLQ}): ${Object.entries(dl)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}`
        : `dead letters: stream ${STREAM_DLQ} missing (provision it: liveseg init)`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await nc.close();
  }
}
