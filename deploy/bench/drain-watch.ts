/**
 * Follows workers draining a backlog on LIVESEG_IN, from the counters each worker publishes with
 * its heartbeat (KV liveseg_leases, `worker.<id>`), and the rate over its middle part.
 *
 * Not from consumer info: nats-server 2.9 computes `num_pending` of a filtered consumer per info
 * request, and polling 16 partitions 5 times a second doubled the server's CPU during a drain
 * (measured: 16.7 vs 7.3 CPU-s for 100k inputs), which slowed the very workers being measured.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BUCKET_LEASES, partitionConsumer, STREAM_IN } from '../../actors/bus/names.ts';
import { createProgress } from './progress.ts';

/** One observation: how many inputs had been applied by then (ms on the server's clock). */
export interface DrainSample {
  t: number;
  done: number;
}

export interface DrainOptions {
  /** Inputs put on LIVESEG_IN before the workers started. */
  total: number;
  partitions: number;
  /** Give up (with the samples so far) after this long. */
  timeoutMs: number;
  /** Samples before this returns true do not count toward the rate (e.g. workers still rebalancing). */
  ready?: () => Promise<boolean>;
  label?: string;
}

/** Watches worker counters until `total` inputs are applied, then waits until every partition has acked them. */
export async function watchDrain(
  nc: NatsConnection,
  o: DrainOptions,
): Promise<{ samples: DrainSample[]; readyAt: number; complete: boolean }> {
  const kv = await new Kvm(nc).open(BUCKET_LEASES);
  const progress = createProgress(o.label ?? 'processing', o.total, 'inputs');
  const samples: DrainSample[] = [];
  const processed = new Map<string, number>();
  let readyAt = o.ready ? Infinity : 0;
  const watch = await kv.watch({ key: 'worker.>' });
  const giveUp = setTimeout(() => watch.stop(), o.timeoutMs);
  let checking = false;
  const readiness =
    o.ready &&
    setInterval(() => {
      if (checking || readyAt !== Infinity) return;
      checking = true;
      void o.ready!()
        .then((ok) => {
          if (ok && readyAt === Infinity) readyAt = samples.at(-1)?.t ?? 0;
        })
        .finally(() => {
          checking = false;
        });
    }, 200);
  try {
    for await (const e of watch) {
      if (e.operation !== 'PUT') continue;
      const stats = e.json<{ stats?: { processed?: number } }>().stats;
      processed.set(e.key, stats?.processed ?? 0);
      const done = [...processed.values()].reduce((a, b) => a + b, 0);
      samples.push({ t: e.created.getTime(), done });
      progress.update(done);
      if (done >= o.total) break;
    }
  } finally {
    clearTimeout(giveUp);
    if (readiness) clearInterval(readiness);
    watch.stop();
  }
  const applied = (samples.at(-1)?.done ?? 0) >= o.total;
  const complete = applied && (await allAcked(nc, o.partitions, o.timeoutMs));
  progress.done(complete ? '' : '(timed out)');
  return { samples, readyAt, complete };
}

/** True once every partition consumer has nothing pending or unacknowledged (polled gently). */
async function allAcked(nc: NatsConnection, partitions: number, timeoutMs: number): Promise<boolean> {
  const jsm = await jetstreamManager(nc);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const left = await Promise.all(
      Array.from({ length: partitions }, async (_, p) => {
        const ci = await jsm.consumers.info(STREAM_IN, partitionConsumer(p)).catch(() => undefined);
        return ci ? ci.num_pending + ci.num_ack_pending : 1;
      }),
    );
    if (left.every((n) => n === 0)) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
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
