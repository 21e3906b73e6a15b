/**
 * End-to-end latency phase: the load model offered at a fixed rate to LIVESEG_IN while the segment
 * mix is live on real worker processes; latency is each entry's stored time on LIVESEG_ENTRIES
 * (the stream's own timestamp) minus its causing event's `ts`. Only entries that are due at once
 * count (action, page visit, referrer, page count): inaction and datetime entries wait by design.
 */
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { STREAM_ENTRIES } from '../../actors/bus/names.ts';
import type { Entry, TriggerKind } from '../../actors/types.ts';
import { AckPublisher } from '../../gateway/services/index.ts';
import { leasesBalanced, startWorkers } from './bench-workers.ts';
import { putSegments, startBenchNats } from './bench-nats.ts';
import { createLoadModel } from './load-model.ts';
import { offerLoad } from './offer.ts';
import type { Scope } from './scope.ts';
import { mixedSegments } from './segments-mix.ts';
import { cpuNote, cpuShares, machineCpu, median, percentile } from './stats.ts';

export interface LatencyOptions {
  /** Offered events per second. */
  rate: number;
  /** Measured seconds, after `warmupSeconds` of the same load that is not measured (JIT, first loads). */
  seconds: number;
  warmupSeconds: number;
  users: number;
  partitions: number;
  segments: number;
  workers: number;
}

export interface LatencyResult {
  offered_per_s: number;
  /**
   * p50/p99 are medians over rounds of ROUND_S seconds: one stall of a shared 2-core VM (seen: a second with p50 0.6 s,
   * the publisher itself stalled) otherwise decides the p99.
   */
  rounds: Array<{ p50_ms: number; p99_ms: number; entries: number }>;
  /** p99 over every entry of the run, stalls included. */
  p99_all_ms: number;
  /** Share of the machine's CPU stolen by the hypervisor while offering the load, if the OS tells. */
  cpu_stolen?: number;
  /** Events actually published per second (the publisher can fall behind on a busy machine). */
  published_per_s: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  entries: number;
  series: Array<{ t_s: number; p50_ms: number; p99_ms: number; events_per_s: number }>;
}

const IMMEDIATE = new Set<TriggerKind>(['action', 'page_visit', 'referrer', 'page_count']);
const ROUND_S = 5;

export async function measureLatency(scope: Scope, o: LatencyOptions, say: (line: string) => void): Promise<LatencyResult> {
  const nats = await startBenchNats(scope, o.partitions);
  await putSegments(nats.nc, mixedSegments(o.segments, Date.now() - 1000));
  await startWorkers(scope, nats.url, o.workers);
  for (let t = Date.now(); o.workers > 1 && !(await leasesBalanced(nats.nc, o.partitions, o.workers)); ) {
    if (Date.now() - t > 30_000) throw new Error('workers did not settle on a lease layout within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }

  // The listener has its own connection: its reads must not queue behind the publisher's writes.
  const tsOf = new Map<string, number>();
  const samples: Array<{ ts: number; ms: number }> = [];
  const listenNc = await nats.connect();
  const entries = await (await jetstream(listenNc).consumers.get(STREAM_ENTRIES, { deliver_policy: DeliverPolicy.New })).consume();
  const listening = (async () => {
    for await (const m of entries) {
      const e = m.json<Entry>();
      const ts = e.cause.eventId === undefined ? undefined : tsOf.get(e.cause.eventId);
      if (ts === undefined || !IMMEDIATE.has(e.cause.kind)) continue;
      samples.push({ ts, ms: Number(m.timestampNanos / 1_000_000n) - ts });
    }
  })();

  const model = createLoadModel({ users: o.users, seed: 5, idPrefix: `lat${Date.now().toString(36)}` });
  const acks = scope.add('ack publisher', new AckPublisher(await nats.connect(), 30_000), (a) => a.stop());
  const warmup = o.rate * o.warmupSeconds;
  const total = warmup + o.rate * o.seconds;
  const cpu0 = machineCpu();
  const { publishedPerS } = await offerLoad({
    model,
    acks,
    partitions: o.partitions,
    rate: o.rate,
    total,
    onEvent: (ev, i) => {
      if (i >= warmup) tsOf.set(ev.id, ev.ts);
    },
  });
  const cpu = cpuShares(cpu0, machineCpu());
  // Let the last entries arrive: the worker flushes within a round or two.
  await new Promise((r) => setTimeout(r, 2000));
  await entries.close();
  await listening;

  if (!samples.length) throw new Error('no entries arrived during the latency phase');
  const first = Math.min(...samples.slice(0, 1000).map((s) => s.ts));
  const bySecond = new Map<number, number[]>();
  for (const s of samples) {
    const k = Math.floor((s.ts - first) / 1000);
    if (!bySecond.has(k)) bySecond.set(k, []);
    bySecond.get(k)!.push(s.ms);
  }
  const eventsBySecond = new Map<number, number>();
  for (const ts of tsOf.values()) {
    const k = Math.floor((ts - first) / 1000);
    eventsBySecond.set(k, (eventsBySecond.get(k) ?? 0) + 1);
  }
  const series = [...bySecond]
    .sort((a, b) => a[0] - b[0])
    .map(([k, ms]) => ({
      t_s: k,
      p50_ms: percentile(ms, 50),
      p99_ms: percentile(ms, 99),
      events_per_s: eventsBySecond.get(k) ?? 0,
    }));
  const all = samples.map((s) => s.ms);
  const byRound = new Map<number, number[]>();
  for (const s of samples) {
    const k = Math.floor((s.ts - first) / (ROUND_S * 1000));
    if (!byRound.has(k)) byRound.set(k, []);
    byRound.get(k)!.push(s.ms);
  }
  const rounds = [...byRound]
    .sort((a, b) => a[0] - b[0])
    .filter(([, ms]) => ms.length >= 100)
    .map(([, ms]) => ({ p50_ms: percentile(ms, 50), p99_ms: percentile(ms, 99), entries: ms.length }));
  const result = {
    offered_per_s: o.rate,
    published_per_s: publishedPerS,
    rounds,
    cpu_stolen: cpu?.stolen,
    p50_ms: median(rounds.map((r) => r.p50_ms)),
    p99_ms: median(rounds.map((r) => r.p99_ms)),
    p99_all_ms: percentile(all, 99),
    max_ms: all.reduce((a, b) => Math.max(a, b), 0),
    entries: samples.length,
    series,
  };
  say(
    `  ${o.rate} events/s offered (${publishedPerS}/s published) for ${o.seconds} s after ${o.warmupSeconds} s of warm-up, ` +
      `${o.workers} worker(s): event → entry p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms ` +
      `(medians of ${rounds.length} rounds of ${ROUND_S} s: p99 ${rounds.map((r) => r.p99_ms).join(', ')}), ` +
      `p99 of all ${result.entries} entries ${result.p99_all_ms} ms, max ${result.max_ms} ms${cpu ? ` (${cpuNote(cpu)})` : ''}`,
  );
  return result;
}
