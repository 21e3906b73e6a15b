/**
 * Worker processing phase: LIVESEG_IN pre-filled with the load model while no worker runs, the
 * segment mix stored, then real worker processes drain it; the rate over 10%..90% consumed is
 * compared with raw pull-consuming the same messages from a scratch stream on the same server.
 *
 * The machine's speed drifts between runs and within one (raw consume measured 89–161k msgs/s on
 * this VM), so one worker is measured in `pairs`: each pair a fresh server, raw consume on it, then
 * the worker draining on it right after; the ratio is the median of the pairs' ratios. More
 * workers drain after that, each count on a fresh server with the same input.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { STREAM_ENTRIES } from '../../actors/bus/names.ts';
import type { Segment } from '../../actors/types.ts';
import { leasesBalanced, startWorkers } from './bench-workers.ts';
import { putSegments, startBenchNats, type BenchNats } from './bench-nats.ts';
import { drainRate, watchDrain } from './drain-watch.ts';
import { prepare, publishPrepared, type Prepared } from './prefill.ts';
import { measureRawConsume } from './raw-consume.ts';
import type { Scope } from './scope.ts';
import { mixedSegments } from './segments-mix.ts';
import { cpuNote, cpuShares, machineCpu, median } from './stats.ts';

export interface ProcessOptions {
  messages: number;
  users: number;
  partitions: number;
  segments: number;
  /** Raw-consume rounds before each one-worker drain (their median is the pair's limit). */
  rawRounds: number;
  /** One-worker drains, each paired with raw consume on its server. */
  pairs: number;
  /** Further worker counts to run, e.g. [2]. */
  workers: number[];
  /**
   * Inputs pre-filled for those runs: more than `messages`, since workers first settle on a lease
   * layout (a few heartbeats, handing partitions over) and only the drain after that counts.
   */
  scaleMessages: number;
  timeoutMs: number;
}

export interface WorkerRun {
  workers: number;
  per_s: number;
  entries: number;
  complete: boolean;
  wall_s: number;
  /** Shares of the machine's CPU (all cores) busy, and stolen by the hypervisor, while draining, if the OS tells. */
  cpu_busy?: number;
  cpu_stolen?: number;
}

export interface ProcessResult {
  /** Median of the pairs' raw consume rates. */
  raw_consume_per_s: number;
  pairs: Array<{ raw_consume_per_s: number; worker_per_s: number; ratio: number }>;
  /** Inputs per second by worker count (one worker: the median pair). */
  workers: WorkerRun[];
  /** Median over the pairs of one worker's rate over raw consume. */
  process_ratio: number;
  /** Rate with the most workers over the rate with one. */
  scaling: number;
}

export async function measureProcessing(scope: Scope, o: ProcessOptions, say: (line: string) => void): Promise<ProcessResult> {
  const createdAt = Date.now() - 1000;
  const segments = mixedSegments(o.segments, createdAt);
  const msgs = prepare(o.messages, o.partitions, { users: o.users, seed: 11, idPrefix: 'proc' });
  const pairs: ProcessResult['pairs'] = [];
  const ones: WorkerRun[] = [];
  for (let i = 0; i < o.pairs; i++) {
    const run = scope.child();
    try {
      const nats = await startBenchNats(run, o.partitions);
      const raw = await measureRawConsume(nats.nc, msgs, o.partitions, o.rawRounds);
      const one = await drain(run, nats, msgs, segments, 1, o);
      const ratio = +(one.per_s / raw.perSec).toFixed(3);
      pairs.push({ raw_consume_per_s: raw.perSec, worker_per_s: one.per_s, ratio });
      ones.push(one);
      say(
        `  pair ${i + 1}/${o.pairs}: raw pull-consume ${raw.perSec} msgs/s (median of ${raw.rounds.join(', ')}) · ` +
          `1 worker ${one.per_s} inputs/s over 10%..90% consumed (${outcome(one)}) · ratio ${ratio}`,
      );
    } finally {
      await run.close();
    }
  }
  const process_ratio = median(pairs.map((p) => p.ratio));
  const oneRate = median(ones.map((r) => r.per_s));
  const runs = [ones.find((r) => r.per_s === oneRate) ?? ones[0]];
  const scaleMsgs = o.workers.length ? prepare(o.scaleMessages, o.partitions, { users: o.users, seed: 12, idPrefix: 'scale' }) : [];
  for (const count of o.workers) {
    const run = scope.child();
    try {
      const r = await drain(run, await startBenchNats(run, o.partitions), scaleMsgs, segments, count, o);
      runs.push(r);
      say(
        `  ${count} workers: ${r.per_s} inputs/s from their lease layout settling to 90% of ${scaleMsgs.length} consumed (${outcome(r)})`,
      );
    } finally {
      await run.close();
    }
  }
  return {
    raw_consume_per_s: median(pairs.map((p) => p.raw_consume_per_s)),
    pairs,
    workers: runs,
    process_ratio,
    scaling: +(runs.at(-1)!.per_s / oneRate).toFixed(2),
  };
}

/** Entries written, whether the drain finished, and how busy the machine was. */
const outcome = (r: WorkerRun) =>
  `${r.entries} entries${r.complete ? '' : ', timed out before the end'}` +
  (r.cpu_stolen === undefined ? '' : `, ${cpuNote({ busy: r.cpu_busy, stolen: r.cpu_stolen }, true)}`);

/** Pre-fills LIVESEG_IN on `nats`, starts `count` workers and follows them draining it. */
async function drain(
  run: Scope,
  nats: BenchNats,
  msgs: Prepared[],
  segments: Segment[],
  count: number,
  o: ProcessOptions,
): Promise<WorkerRun> {
  await putSegments(nats.nc, segments);
  await publishPrepared(nats.nc, msgs, 'prefill LIVESEG_IN');
  const started = performance.now();
  await startWorkers(run, nats.url, count);
  const cpu0 = machineCpu();
  const drained = await watchDrain(nats.nc, {
    total: msgs.length,
    partitions: o.partitions,
    timeoutMs: o.timeoutMs,
    label: `${count} worker${count > 1 ? 's' : ''}`,
    ready: count > 1 ? () => leasesBalanced(nats.nc, o.partitions, count) : undefined,
  });
  const cpu1 = machineCpu();
  const entries = (await (await jetstreamManager(nats.nc)).streams.info(STREAM_ENTRIES)).state.messages;
  const shares = cpuShares(cpu0, cpu1);
  return {
    cpu_busy: shares?.busy,
    cpu_stolen: shares?.stolen,
    workers: count,
    per_s: drainRate(drained.samples, msgs.length, drained.readyAt),
    entries,
    complete: drained.complete,
    wall_s: +((performance.now() - started) / 1000).toFixed(1),
  };
}
