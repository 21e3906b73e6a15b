// Worker memory and timer lateness with many pending windows, on a real nats-server and a real
// worker process. Run: npx tsx deploy/bench/worker-timers.ts [--users 200000] [--within 60]
// Prints RSS of the worker holding every user's pending window (MB per million users), then the
// lateness of window firings (entry time − deadline) p50/p99 in ms.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BUCKET_SEGMENTS, entrySubject, eventSubject, STREAM_ENTRIES } from '../../actors/bus/names.ts';
import { partitionOf } from '../../actors/bus/partition.ts';
import { provision } from '../../actors/bus/provision.ts';
import type { Entry, Segment } from '../../actors/types.ts';
import { startNatsServer } from '../nats/index.ts';
import { spawnWorker } from '../testing/processes.ts';
import { percentile, printJson } from './stats.ts';

const { values } = parseArgs({ options: { users: { type: 'string' }, within: { type: 'string' }, partitions: { type: 'string' }, hot: { type: 'string' } } });
const USERS = Number(values.users ?? 200_000);
const WITHIN_S = Number(values.within ?? 60);
const P = Number(values.partitions ?? 16);
const enc = new TextEncoder();
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const dataDir = mkdtempSync(join(tmpdir(), 'liveseg-bench-timers-'));
const nats = await startNatsServer({ dataDir });
const nc = await connect({ servers: nats.url, noAsyncTraces: true });
try {
  await provision(nc, { partitions: P });
  const segment: Segment = {
    id: 'sg_bench', name: 'bench', kind: 'inaction', createdAt: Date.now(),
    definition: { name: 'bench', trigger: { kind: 'inaction', event: 'Cart', without: { event: 'Pay' }, within: `${WITHIN_S}s` } },
  };
  await (await new Kvm(nc).open(BUCKET_SEGMENTS)).put(segment.id, JSON.stringify(segment));
  const worker = await spawnWorker(nats.url, 'bench', { env: { LIVESEG_LEASE_TTL_MS: '30000', LIVESEG_HEARTBEAT_MS: '2000', LIVESEG_HOT_USERS: String(values.hot ?? 100_000) } });
  const pid = worker.child.pid!;
  const baseRss = rssMb(pid);

  // Publish one arming event per user, as fast as JetStream takes them (bounded in flight).
  const js = jetstream(nc);
  const t0 = Date.now();
  const tsOf = new Map<string, number>();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < USERS; i++) {
    const userId = `bench-${i}`;
    const ts = Date.now();
    tsOf.set(userId, ts);
    inflight.push(js.publish(eventSubject(partitionOf(userId, P)), enc.encode(JSON.stringify({ id: `b${i}`, userId, name: 'Cart', ts, props: {} })), { msgID: `b${i}` }));
    if (inflight.length >= 2000) await Promise.all(inflight.splice(0));
  }
  await Promise.all(inflight);
  const publishS = (Date.now() - t0) / 1000;
  process.stderr.write(`published ${USERS} arming events in ${publishS.toFixed(1)} s\n`);

  // Wait until the worker has consumed everything (consumer lag 0 on every partition).
  const jsm = await jetstreamManager(nc);
  for (;;) {
    let lag = 0;
    for (let p = 0; p < P; p++) {
      const ci = await jsm.consumers.info('LIVESEG_IN', `liveseg-p${p}`).catch(() => undefined);
      lag += ci ? ci.num_pending + ci.num_ack_pending : USERS;
    }
    if (lag === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const processedS = (Date.now() - t0) / 1000;
  const firstDeadline = [...tsOf.values()].reduce((a, b) => Math.min(a, b), Infinity) + WITHIN_S * 1000;
  if (Date.now() > firstDeadline) process.stderr.write('warning: windows began firing before all were armed; raise --within\n');
  if (global.gc) global.gc();
  await new Promise((r) => setTimeout(r, 2000));
  const rss = rssMb(pid);
  process.stderr.write(`worker RSS ${rss.toFixed(0)} MB holding ${USERS} pending windows (idle ${baseRss.toFixed(0)} MB)\n`);

  // Lateness: every entry's time minus its window's deadline.
  const lateness: number[] = [];
  const consumer = await js.consumers.get(STREAM_ENTRIES);
  const messages = await consumer.consume();
  const deadlineAll = [...tsOf.values()].reduce((a, b) => Math.max(a, b), 0) + WITHIN_S * 1000 + 60_000;
  const timer = setTimeout(() => messages.stop(), Math.max(0, deadlineAll - Date.now()));
  for await (const m of messages) {
    const e = m.json<Entry>();
    if (m.subject !== entrySubject(segment.id)) continue;
    lateness.push(e.at - (tsOf.get(e.userId)! + WITHIN_S * 1000));
    if (lateness.length >= USERS) break;
  }
  clearTimeout(timer);
  await worker.kill('SIGTERM');
  const result = {
    users: USERS, partitions: P, within_s: WITHIN_S, publish_s: +publishS.toFixed(1), armed_after_s: +processedS.toFixed(1),
    worker_rss_mb: +rss.toFixed(0), worker_idle_rss_mb: +baseRss.toFixed(0),
    rss_kb_per_user: +(((rss - baseRss) * 1024) / USERS).toFixed(2),
    // Linear extrapolation from this run: an upper bound, since it counts garbage not yet collected
    // and every user here stays hot (the hot-user cache is bounded; cold users live only in NATS).
    rss_mb_per_million_users: +(((rss - baseRss) / USERS) * 1e6 + baseRss).toFixed(0),
    fired: lateness.length,
    timer_lateness_p50_ms: percentile(lateness, 50), timer_lateness_p99_ms: percentile(lateness, 99), timer_lateness_max_ms: lateness.reduce((a, b) => Math.max(a, b), 0),
  };
  console.log(`${USERS} pending windows: worker RSS ${result.worker_rss_mb} MB, ${result.rss_kb_per_user} KB per user above idle ` +
    `(linear extrapolation ${result.rss_mb_per_million_users} MB per million, target ≤ 1024); ` +
    `timer lateness p50 ${result.timer_lateness_p50_ms} ms, p99 ${result.timer_lateness_p99_ms} ms (target ≤ 250), ${result.fired}/${USERS} fired`);
  printJson(result);
} finally {
  await nc.close();
  await nats.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
