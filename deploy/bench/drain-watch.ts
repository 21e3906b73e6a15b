/** Follows the worker consumers' backlog on LIVESEG_IN until it is consumed, and the rate over its middle part. */
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstreamManager } from '@nats-io/jetstream';
import { partitionConsumer, STREAM_IN } from '../../actors/bus/names.ts';
import { createProgress } from './progress.ts';

/** One observation: how many inputs had been acknowledged by then. */
export interface DrainSample {
  t: number;
  done: number;
}

export interface DrainOptions {
  /** Messages per partition put on LIVESEG_IN before the workers started. */
  perPartition: number[];
  /** Give up (with the samples so far) after this long. */
  timeoutMs: number;
  pollMs?: number;
  /** Samples before this returns false do not count toward the rate (e.g. workers still rebalancing). */
  ready?: () => Promise<boolean>;
  label?: string;
}

/** Polls consumer info (num_pending + num_ack_pending per partition) until everything is acknowledged. */
export async function watchDrain(nc: NatsConnection, o: DrainOptions): Promise<{ samples: DrainSample[]; readyAt: number; complete: boolean }> {
  const jsm = await jetstreamManager(nc);
  const total = o.perPartition.reduce((a, b) => a + b, 0);
  const progress = createProgress(o.label ?? 'processing', total, 'inputs');
  const samples: DrainSample[] = [];
  const deadline = performance.now() + o.timeoutMs;
  let readyAt = o.ready ? Infinity : 0;
  for (;;) {
    const left = await Promise.all(o.perPartition.map(async (n, p) => {
      // No consumer yet: the partition has not been started, nothing of it is consumed.
      const ci = await jsm.consumers.info(STREAM_IN, partitionConsumer(p)).catch(() => undefined);
      return ci ? ci.num_pending + ci.num_ack_pending : n;
    }));
    const t = performance.now();
    const done = total - left.reduce((a, b) => a + b, 0);
    samples.push({ t, done });
    progress.update(done);
    if (readyAt === Infinity && await o.ready!()) readyAt = t;
    if (done >= total || t > deadline) {
      progress.done(done >= total ? '' : '(timed out)');
      return { samples, readyAt, complete: done >= total };
    }
    await new Promise((r) => setTimeout(r, o.pollMs ?? 200));
  }
}

/**
 * Inputs per second between the first sample at or past `from` of the total (and not before
 * `readyAt`) and the first at or past `to`; start-up and the tail are left out.
 */
export function drainRate(samples: DrainSample[], total: number, readyAt = 0, from = 0.1, to = 0.9): number {
  const a = samples.find((s) => s.t >= readyAt && s.done >= total * from);
  const b = samples.find((s) => s.done >= total * to && (!a || s.t > a.t)) ?? samples.at(-1);
  if (!a || !b || b.t <= a.t) return 0;
  return Math.round((b.done - a.done) / ((b.t - a.t) / 1000));
}
