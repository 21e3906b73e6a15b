/**
 * The benchmark suite: `npm run bench` (full) or `npm run bench -- --quick` (under 3 minutes on
 * 2 cores). Every rate is measured beside raw NATS on the same machine in the same run, each phase
 * on a fresh nats-server. Progress goes to stderr, a summary to stdout, and the last line printed
 * is the result as one JSON object; the full result also goes to deploy/bench/results/<mode>.json,
 * a chart to deploy/bench/results/<mode>.png and a section of docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureNatsServer } from '../nats/install.ts';
import { natsServerVersion } from '../nats/newest.ts';
import { sectionKey, writeBenchmarks } from './benchmarks-md.ts';
import { measureIngest } from './phase-ingest.ts';
import { measureGatewayScale } from './gateway-scale.ts';
import { measureLatency } from './phase-latency.ts';
import { measureProcessing } from './phase-process.ts';
import { measureSegmentIngest } from './phase-segment-ingest.ts';
import { measureTimers } from './phase-timers.ts';
import { Scope } from './scope.ts';
import { measureWebhooks } from './webhooks.ts';
import { printJson } from './stats.ts';
import type { SuiteResult } from './suite-result.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, 'no-report': { type: 'boolean', default: false } } });
const mode = values.quick ? 'quick' : 'full';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PARTITIONS = 16;

/** Sizes of each phase; the quick run keeps the same shape at a fraction of the volume. */
const PLAN = values.quick
  ? {
      ingest: { events: 20_000, rounds: 3, batch: 500, clients: 4, window: 2000, users: 100_000, partitions: PARTITIONS },
      process: {
        messages: 100_000,
        users: 100_000,
        partitions: PARTITIONS,
        segments: 50,
        rawRounds: 2,
        pairs: 3,
        workers: [2],
        scaleMessages: 300_000,
        timeoutMs: 90_000,
      },
      latency: { rate: 5000, seconds: 15, warmupSeconds: 3, users: 100_000, partitions: PARTITIONS, segments: 50, workers: 1 },
      timers: {
        users: 200_000,
        partitions: PARTITIONS,
        probeRate: 1000,
        probeSeconds: 10,
        probeWithinS: 3,
        settleMs: 8_000,
        timeoutMs: 120_000,
      },
    }
  : {
      ingest: { events: 100_000, rounds: 5, batch: 500, clients: 4, window: 2000, users: 1_000_000, partitions: PARTITIONS },
      process: {
        messages: 500_000,
        users: 1_000_000,
        partitions: PARTITIONS,
        segments: 50,
        rawRounds: 2,
        pairs: 3,
        workers: [2],
        scaleMessages: 1_000_000,
        timeoutMs: 600_000,
      },
      latency: { rate: 5000, seconds: 60, warmupSeconds: 5, users: 1_000_000, partitions: PARTITIONS, segments: 50, workers: 1 },
      timers: {
        users: 1_000_000,
        partitions: PARTITIONS,
        probeRate: 1000,
        probeSeconds: 30,
        probeWithinS: 5,
        settleMs: 20_000,
        timeoutMs: 900_000,
      },
    };

const say = (line: string) => console.log(line);
const scope = new Scope();
let stopping = false;
process.on('SIGINT', () => {
  if (stopping) process.exit(130);
  stopping = true;
  process.stderr.write('\nstopping: cleaning up servers and workers…\n');
  void scope.close().then(() => process.exit(130));
});

/** Runs one phase in its own scope, so its servers and workers are gone before the next starts. */
async function phase<T>(title: string, run: (s: Scope) => Promise<T>): Promise<T> {
  say(`\n${title}`);
  const s = scope.child();
  try {
    return await run(s);
  } finally {
    await s.close();
  }
}

const startedAt = new Date();
const t0 = performance.now();
try {
  const ingest = await phase('Ingest: HTTP and producer helper vs raw JetStream publish', (s) => measureIngest(s, PLAN.ingest, say));
  const segmentIngest = await phase('Segment-spec ingest: POST /v1/batch vs raw JetStream publish', (s) =>
    measureSegmentIngest(s, PLAN.ingest, say),
  );
  const processing = await phase('Processing: workers draining a pre-filled LIVESEG_IN vs raw pull-consume', (s) =>
    measureProcessing(s, PLAN.process, say),
  );
  const latency = await phase('End-to-end latency at a fixed offered load', (s) => measureLatency(s, PLAN.latency, say));
  const timers = await phase('Pending windows: worker memory and timer lateness', (s) => measureTimers(s, PLAN.timers, say));
  const webhooks = await phase('Webhooks: entry → delivered at 500 entries/s, and deliveries/s vs a raw HTTP client', (s) =>
    measureWebhooks(s, { rate: 500, seconds: values.quick ? 10 : 30, backlog: values.quick ? 5_000 : 20_000, concurrency: 16 }, say),
  );
  // Full runs only: a fresh gateway against a million entries (deploy/bench/gateway-scale.ts; its own server).
  const gatewayScale = values.quick
    ? undefined
    : await phase('Gateway at scale: a fresh gateway against 1,000,000 entries', () => measureGatewayScale({ entries: 1_000_000 }, say));

  const one = processing.workers.find((w) => w.workers === 1) ?? processing.workers[0];
  const result: SuiteResult = {
    mode,
    command: `npm run bench${values.quick ? ' -- --quick' : ''}`,
    started_at: startedAt.toISOString(),
    duration_s: Math.round((performance.now() - t0) / 1000),
    machine: machine(),
    raw_publish_per_s: ingest.raw_publish_per_s,
    raw_consume_per_s: processing.raw_consume_per_s,
    http_ingest_per_s: ingest.http_ingest_per_s,
    producer_ingest_per_s: ingest.producer_ingest_per_s,
    ingest_ratio: ingest.ingest_ratio,
    producer_ratio: ingest.producer_ratio,
    process_ratio: processing.process_ratio,
    process_per_s_by_workers: processing.workers.map((w) => ({ workers: w.workers, per_s: w.per_s })),
    scaling_ratio: processing.scaling,
    e2e_offered_per_s: latency.offered_per_s,
    e2e_p50_ms: latency.p50_ms,
    e2e_p99_ms: latency.p99_ms,
    e2e_entries: latency.entries,
    e2e_series: latency.series,
    timer_pending_windows: timers.pending_windows,
    timer_lateness_p50_ms: timers.lateness_p50_ms,
    timer_lateness_p99_ms: timers.lateness_p99_ms,
    rss_mb_per_million_users: timers.rss_mb_per_million_users,
    rss_users_measured: timers.pending_windows,
    throughput: [
      { label: 'HTTP ingest (batches of 500)', per_s: ingest.http_ingest_per_s, raw_per_s: ingest.raw_publish_per_s },
      { label: 'producer helper', per_s: ingest.producer_ingest_per_s, raw_per_s: ingest.raw_publish_per_s },
      { label: 'Segment-spec /v1/batch (500)', per_s: segmentIngest.segment_batch_per_s, raw_per_s: segmentIngest.raw_publish_per_s },
      { label: 'webhook deliveries (vs raw HTTP posts)', per_s: webhooks.deliveries_per_s, raw_per_s: webhooks.raw_http_per_s },
      ...processing.workers.map((w) => ({
        label: `${w.workers} worker${w.workers > 1 ? 's' : ''} processing`,
        per_s: w.per_s,
        raw_per_s: processing.raw_consume_per_s,
      })),
    ],
    targets: [
      { metric: 'ingest_ratio', target: '≥ 0.8', value: ingest.ingest_ratio, met: ingest.ingest_ratio >= 0.8 },
      { metric: 'segment_ingest_ratio', target: '≥ 0.8', value: segmentIngest.segment_ratio, met: segmentIngest.segment_ratio >= 0.8 },
      { metric: 'process_ratio', target: '≥ 0.3', value: processing.process_ratio, met: processing.process_ratio >= 0.3 },
      { metric: `e2e_p99_ms at ${latency.offered_per_s} events/s`, target: '≤ 50', value: latency.p99_ms, met: latency.p99_ms <= 50 },
      {
        metric: `timer_lateness_p99_ms with ${timers.pending_windows} pending`,
        target: '≤ 250',
        value: timers.lateness_p99_ms,
        met: timers.lateness_p99_ms <= 250 && timers.probes_fired === timers.probes,
      },
      { metric: 'webhook_ratio', target: '≥ 0.5', value: webhooks.ratio, met: webhooks.ratio >= 0.5 },
      {
        metric: `webhook_p99_ms at ${webhooks.offered_per_s} entries/s`,
        target: 'reported',
        value: webhooks.p99_ms,
        met: webhooks.delivered === webhooks.offered_per_s * (values.quick ? 10 : 30),
      },
      {
        metric: 'rss_mb_per_million_users',
        target: '≤ 1024',
        value: timers.rss_mb_per_million_users,
        met: timers.rss_mb_per_million_users <= 1024,
      },
    ],
  };
  if (one.per_s === 0) result.targets.push({ metric: 'processing measured', target: 'rate > 0', value: 0, met: false });
  if (gatewayScale) {
    const g = gatewayScale;
    const worst = Math.max(g.report_p99_ms, g.members_page_p99_ms, g.list_p99_ms);
    result.targets.push(
      { metric: `gateway_ready_ms at ${g.entries} entries`, target: '≤ 10000', value: g.ready_ms, met: g.ready_ms <= 10_000 },
      { metric: `gateway_rss_mb at ${g.entries} entries`, target: '≤ 250', value: g.gateway_rss_mb, met: g.gateway_rss_mb <= 250 },
      { metric: 'gateway report/members/list p99 ms', target: '≤ 50', value: worst, met: worst <= 50 },
    );
  }

  say('\nTargets');
  for (const t of result.targets) say(`  ${t.met ? '✓' : '✗'} ${t.metric} = ${t.value} (target ${t.target})`);
  if (!values['no-report']) {
    const dir = join(ROOT, 'deploy/bench/results');
    mkdirSync(dir, { recursive: true });
    const json = join(dir, `${sectionKey(result)}.json`);
    const png = join(dir, `${sectionKey(result)}.png`);
    writeFileSync(
      json,
      `${JSON.stringify({ ...result, phases: { ingest, segmentIngest, processing, latency, timers, webhooks, gatewayScale } }, null, 2)}\n`,
    );
    // Loaded here: the chart needs Chromium, which a --no-report run does not.
    const { renderChart } = await import('./chart.ts');
    await renderChart(result, png);
    // Links in docs/benchmarks.md are relative to docs/.
    const docs = join(ROOT, 'docs');
    writeBenchmarks(result, { file: join(docs, 'benchmarks.md'), pngRelPath: relative(docs, png), jsonRelPath: relative(docs, json) });
    say(`\nresults: ${relative(ROOT, json)}, chart: ${relative(ROOT, png)}, docs/benchmarks.md updated`);
  }
  const { e2e_series: _series, throughput: _t, targets, ...headline } = result;
  printJson({ ...headline, targets_met: targets.every((t) => t.met) });
  process.exitCode = targets.every((t) => t.met) ? 0 : 1;
} finally {
  await scope.close();
}

function machine(): SuiteResult['machine'] {
  // The server every phase runs (NATS_SERVER_BIN=/usr/sbin/nats-server measures Debian 12's 2.9.10).
  const version = natsServerVersion(ensureNatsServer((line) => process.stderr.write(`${line}\n`)));
  const nats = version ? `v${version}` : 'unknown';
  return {
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    mem_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    nats_server: nats,
  };
}
