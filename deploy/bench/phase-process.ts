/**
 * Worker processing phase: LIVESEG_IN pre-filled with the load model while no worker runs, the
 * segment mix stored, then real worker processes drain it; the rate over 10%..90% consumed is
 * compared with raw pull-consuming the same messages from a scratch stream on the same server.
 * Each worker count gets a fresh server with the same input.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { STREAM_ENTRIES } from '../../actors/bus/names.ts';
import { leasesBalanced, startWorkers } from './bench-workers.ts';
import { putSegments, startBenchNats } from './bench-nats.ts';
import { drainRate, watchDrain } from './drain-watch.ts';
import { prepare, publishPrepared } from './prefill.ts';
import { measureRawConsume } from './raw-consume.ts';
import type { Scope } from './scope.ts';
import { mixedSegments } from './segments-mix.ts';

export interface ProcessOptions {
  messages: number;
  users: number;
  partitions: number;
  segments: number;
  rawRounds: number;
  /** Worker counts to run, e.g. [1, 2]. */
  workers: number[];
  timeoutMs: number;
}

export interface ProcessResult {
  raw_consume_per_s: number;
  raw_consume_rounds: number[];
  /** Inputs per second by worker count. */
  workers: Array<{ workers: number; per_s: number; entries: number; complete: boolean; wall_s: number }>;
  process_ratio: number;
  /** Rate with the most workers over the rate with one. */
  scaling: number;
}

export async function measureProcessing(scope: Scope, o: ProcessOptions, say: (line: string) => void): Promise<ProcessResult> {
  const createdAt = Date.now() - 1000;
  const segments = mixedSegments(o.segments, createdAt);
  const msgs = prepare(o.messages, o.partitions, { users: o.users, seed: 11, idPrefix: 'proc' });
  let raw: { perSec: number; rounds: number[] } | undefined;
  const runs: ProcessResult['workers'] = [];
  for (const count of o.workers) {
    const run = scope.child();
    try {
      const nats = await startBenchNats(run, o.partitions);
      if (!raw) {
        raw = await measureRawConsume(nats.nc, msgs, o.partitions, o.rawRounds);
        say(`  raw pull-consume: ${raw.perSec} msgs/s (median of ${raw.rounds.join(', ')})`);
      }
      await putSegments(nats.nc, segments);
      await publishPrepared(nats.nc, msgs, 'prefill LIVESEG_IN');
      const started = performance.now();
      await startWorkers(run, nats.url, count);
      const drained = await watchDrain(nats.nc, {
        total: msgs.length, partitions: o.partitions, timeoutMs: o.timeoutMs, label: `${count} worker${count > 1 ? 's' : ''}`,
        ready: count > 1 ? () => leasesBalanced(nats.nc, o.partitions, count) : undefined,
      });
      const perS = drainRate(drained.samples, msgs.length, drained.readyAt);
      const entries = (await (await jetstreamManager(nats.nc)).streams.info(STREAM_ENTRIES)).state.messages;
      runs.push({ workers: count, per_s: perS, entries, complete: drained.complete, wall_s: +((performance.now() - started) / 1000).toFixed(1) });
      say(`  ${count} worker${count > 1 ? 's' : ''}: ${perS} inputs/s over 10%..90% consumed (${entries} entries${drained.complete ? '' : ', timed out before the end'})`);
    } finally {
      await run.close();
    }
  }
  const one = runs.find((r) => r.workers === 1)?.per_s ?? runs[0].per_s;
  const most = runs.at(-1)!.per_s;
  return {
    raw_consume_per_s: raw!.perSec, raw_consume_rounds: raw!.rounds, workers: runs,
    process_ratio: +(one / raw!.perSec).toFixed(3), scaling: +(most / one).toFixed(2),
  };
}
