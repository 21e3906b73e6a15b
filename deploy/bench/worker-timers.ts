// Many windows falling due together, on a real nats-server and a real worker process.
// Run: npx tsx deploy/bench/worker-timers.ts [--users 200000] [--within 60]
//   [--rate 5000] [--skip-firing] [--partitions 16] [--hot 100000]
// Arms one inaction window per user (at --rate events per second, default as fast as NATS takes
// them), prints the worker's RSS holding them all and the CPU per armed window, then the lateness
// of the burst of firings (entry time − deadline) p50/p99 in ms, unless --skip-firing. Memory per
// window is measured by the suite (`npm run bench`, timers phase), not here: one RSS reading after a
// burst depends on where the heap is in its collection cycle.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BUCKET_SEGMENTS, entrySubject, eventSubject, STREAM_ENTRIES } from '../../actors/bus/names.ts';
import { partitionOf } from '../../actors/bus/partition.ts';
import { provision } from '../../actors/bus/provision.ts';
import type { Entry, Segment } from '../../actors/types.ts';
import { startNatsServer } from '../nats/index.ts';
import { spawnWorker } from '../testing/processes.ts';
import { rssMb } from './bench-workers.ts';
import { percentile, printJson } from './stats.ts';

const { values } = parseArgs({
  options: {
    users: { type: 'string' },
    within: { type: 'string' },
    partitions: { type: 'string' },
    hot: { type: 'string' },
    rate: { type: 'string' },
    'skip-firing': { type: 'boolean' },
  },
});
const RATE = values.rate ? Number(values.rate) : Infinity;
const USERS = Number(values.users ?? 200_000);
const WITHIN_S = Number(values.within ?? 60);
const P = Number(values.partitions ?? 16);
const enc = new TextEncoder();
/** CPU seconds (user + system) a process has used: robust to a noisy machine, unlike wall time. */
const cpuS = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const dataDir = mkdtempSync(join(tmpdir(), 'liveseg-bench-timers-'));
const nats = await startNatsServer({ dataDir });
const nc = await connect({ servers: nats.url, noAsyncTraces: true });
try {
  await provision(nc, { partitions: P });
  const segment: Segment = {
    id: 'sg_bench',
    name: 'bench',
    kind: 'inaction',
    createdAt: Date.now(),
    definition: { name: 'bench', trigger: { kind: 'inaction', event: 'Cart', without: { event: 'Pay' }, within: `${WITHIN_S}s` } },
  };
  await (await new Kvm(nc).open(BUCKET_SEGMENTS)).put(segment.id, JSON.stringify(segment));
  const worker = await spawnWorker(nats.url, 'bench', {
    env: { LIVESEG_LEASE_TTL_MS: '30000', LIVESEG_HEARTBEAT_MS: '2000', LIVESEG_HOT_USERS: String(values.hot ?? 100_000) },
  });
  const pid = worker.child.pid!;
  const baseRss = rssMb(pid);

  // Publish one arming event per user, as fast as JetStream takes them (bounded in flight).
  const js = jetstream(nc);
  const natsPid = nats.process.pid!;
  const cpu0 = { worker: cpuS(pid), nats: cpuS(natsPid) };
  const t0 = Date.now();
  const tsOf = new Map<string, number>();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < USERS; i++) {
    // At a fixed rate, event i is due at t0 + i / RATE: the windows then fall due at that rate.
    const ahead = t0 + (i / RATE) * 1000 - Date.now();
    if (ahead > 5) {
      await Promise.all(inflight.splice(0));
      await new Promise((r) => setTimeout(r, ahead));
    }
    const userId = `bench-${i}`;
    const ts = Date.now();
    tsOf.set(userId, ts);
    inflight.push(
      js.publish(eventSubject(partitionOf(userId, P)), enc.encode(JSON.stringify({ id: `b${i}`, userId, name: 'Cart', ts, props: {} })), {
        msgID: `b${i}`,
      }),
    );
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
  const cpu1 = { worker: cpuS(pid), nats: cpuS(natsPid) };
  const firstDeadline = [...tsOf.values()].reduce((a, b) => Math.min(a, b), Infinity) + WITHIN_S * 1000;
  if (Date.now() > firstDeadline) process.stderr.write('warning: windows began firing before all were armed; raise --within\n');
  if (global.gc) global.gc();
  await new Promise((r) => setTimeout(r, 2000));
  const rss = rssMb(pid);
  process.stderr.write(`worker RSS ${rss.toFixed(0)} MB holding ${USERS} pending windows (idle ${baseRss.toFixed(0)} MB)\n`);

  const memory = {
    users: USERS,
    partitions: P,
    within_s: WITHIN_S,
    publish_s: +publishS.toFixed(1),
    armed_after_s: +processedS.toFixed(1),
    worker_rss_mb: +rss.toFixed(0),
    worker_idle_rss_mb: +baseRss.toFixed(0),
    // CPU per arming event (µs), of the worker and of nats-server.
    arm_worker_cpu_us: +(((cpu1.worker - cpu0.worker) / USERS) * 1e6).toFixed(1),
    arm_nats_cpu_us: +(((cpu1.nats - cpu0.nats) / USERS) * 1e6).toFixed(1),
  };
  console.log(
    `${USERS} pending windows: worker RSS ${memory.worker_rss_mb} MB (idle ${memory.worker_idle_rss_mb} MB), ` +
      `arming cost ${memory.arm_worker_cpu_us} µs of worker CPU and ${memory.arm_nats_cpu_us} µs of nats-server CPU per window`,
  );
  const cpu2 = { worker: cpuS(pid), nats: cpuS(natsPid) };
  const fired = values['skip-firing'] ? undefined : await firings(js, segment.id, tsOf);
  const cpu3 = { worker: cpuS(pid), nats: cpuS(natsPid) };
  const lateness = fired && {
    ...fired,
    // CPU per fired window (µs): includes the idle wait for deadlines, which is near zero.
    fire_worker_cpu_us: +(((cpu3.worker - cpu2.worker) / USERS) * 1e6).toFixed(1),
    fire_nats_cpu_us: +(((cpu3.nats - cpu2.nats) / USERS) * 1e6).toFixed(1),
  };
  await worker.kill('SIGTERM');
  if (lateness) {
    console.log(
      `timer lateness p50 ${lateness.timer_lateness_p50_ms} ms, p99 ${lateness.timer_lateness_p99_ms} ms (target ≤ 250), ` +
        `${lateness.fired}/${USERS} fired, ${lateness.fire_rate_per_s} per second`,
    );
  }
  printJson({ ...memory, ...lateness });
} finally {
  await nc.close();
  await nats.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Lateness of every window: stored in LIVESEG_ENTRIES (the stream's own timestamp) minus its deadline. */
async function firings(js: JetStreamClient, segmentId: string, tsOf: Map<string, number>) {
  const lateness: number[] = [];
  const stored: number[] = [];
  const consumer = await js.consumers.get(STREAM_ENTRIES);
  const messages = await consumer.consume();
  const deadlineAll = [...tsOf.values()].reduce((a, b) => Math.max(a, b), 0) + WITHIN_S * 1000 + 60_000;
  const timer = setTimeout(() => messages.stop(), Math.max(0, deadlineAll - Date.now()));
  for await (const m of messages) {
    if (m.subject !== entrySubject(segmentId)) continue;
    const e = m.json<Entry>();
    const at = Number(m.timestampNanos / 1_000_000n);
    stored.push(at);
    lateness.push(at - (tsOf.get(e.userId)! + WITHIN_S * 1000));
    if (lateness.length >= tsOf.size) break;
  }
  clearTimeout(timer);
  const span = (stored.reduce((a, b) => Math.max(a, b), 0) - stored.reduce((a, b) => Math.min(a, b), Infinity)) / 1000;
  return {
    fired: lateness.length,
    fire_rate_per_s: Math.round(lateness.length / Math.max(span, 0.001)),
    timer_lateness_p50_ms: percentile(lateness, 50),
    timer_lateness_p99_ms: percentile(lateness, 99),
    timer_lateness_max_ms: lateness.reduce((a, b) => Math.max(a, b), 0),
  };
}
