/**
 * Timers and memory phase, on one real worker process:
 * 1. `users` users each arm an inaction window far in the future (1 h): the worker then holds
 *    `users` pending windows; its RSS above idle, per user, gives MB per million users.
 * 2. While they are all pending, probe users arm short windows at a steady rate; each probe's
 *    lateness is its entry's stored time on LIVESEG_ENTRIES minus its deadline.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { entrySubject, eventSubject, STREAM_ENTRIES } from '../../actors/bus/names.ts';
import { partitionOf } from '../../actors/bus/partition.ts';
import type { Entry, Segment } from '../../actors/types.ts';
import { AckPublisher } from '../../gateway/services/index.ts';
import { rssMb, startWorkers } from './bench-workers.ts';
import { putSegments, startBenchNats } from './bench-nats.ts';
import { watchDrain } from './drain-watch.ts';
import { paced } from './pace.ts';
import { pipeline } from './pipeline.ts';
import { createProgress } from './progress.ts';
import type { Scope } from './scope.ts';
import { cpuNote, cpuShares, machineCpu, percentile } from './stats.ts';

export interface TimersOptions {
  /** Users holding a pending window while the probes run (and whose memory is measured). */
  users: number;
  partitions: number;
  /** Probe windows armed per second, and for how long. */
  probeRate: number;
  probeSeconds: number;
  /** Length of a probe window. */
  probeWithinS: number;
  /** How long to let the worker's heap settle, at least, before reading its RSS. */
  settleMs: number;
  timeoutMs: number;
}

export interface TimersResult {
  pending_windows: number;
  worker_idle_rss_mb: number;
  /** RSS once settled, with all and with half of the pending windows. */
  worker_rss_mb: number;
  worker_rss_half_mb: number;
  /** Live heap after full collections, with all and with half of them. */
  worker_heap_live_mb: number;
  worker_heap_live_half_mb: number;
  /** Committed over live old space after a full collection, with all of them. */
  old_space_commit_ratio: number;
  /** What a window adds to RSS by the model: its live bytes times the commit ratio. */
  rss_bytes_per_user: number;
  /** A million windows by the model: settled RSS with `pending_windows`, plus the rest at rss_bytes_per_user. */
  rss_model_mb_per_million_users: number;
  /** The same model from the half point: how far the extrapolation moves over the run (a check of it). */
  rss_model_from_half_mb: number;
  /** The model, or with a million windows the settled RSS measured. */
  rss_mb_per_million_users: number;
  arm_per_s: number;
  probes: number;
  probes_fired: number;
  lateness_p50_ms: number;
  lateness_p99_ms: number;
  lateness_max_ms: number;
  /** Share of the machine's CPU stolen by the hypervisor while the probes ran, if the OS tells. */
  cpu_stolen?: number;
}

const encoder = new TextEncoder();
const segment = (id: string, event: string, within: string): Segment => ({
  id,
  name: id,
  kind: 'inaction',
  createdAt: Date.now() - 1000,
  definition: { name: id, trigger: { kind: 'inaction', event, without: { event: 'Paid' }, within } },
});

export async function measureTimers(scope: Scope, o: TimersOptions, say: (line: string) => void): Promise<TimersResult> {
  const nats = await startBenchNats(scope, o.partitions);
  const probeSegment = segment('sg_probe', 'Probe', `${o.probeWithinS}s`);
  await putSegments(nats.nc, [segment('sg_pending', 'Cart', '1h'), probeSegment]);
  // Hot users as in production (100,000 by default): memory must not grow with the rest.
  const heapDir = scope.add('heap report dir', mkdtempSync(join(tmpdir(), 'liveseg-heap-')), (d) =>
    rmSync(d, { recursive: true, force: true }),
  );
  const heapOut = join(heapDir, 'heap.json');
  const [worker] = await startWorkers(scope, nats.url, 1, { LIVESEG_BENCH_HEAP_OUT: heapOut }, ['--expose-gc', `--import=${GC_HOOK}`]);
  const pid = worker.child.pid!;
  await new Promise((r) => setTimeout(r, 1000));
  const idle = rssMb(pid);

  const acks = scope.add('ack publisher', new AckPublisher(await nats.connect(), 30_000), (a) => a.stop());
  const publish = (userId: string, name: string, id: string) => {
    const ts = Date.now();
    const data = encoder.encode(JSON.stringify({ id, userId, name, ts, props: {} }));
    return acks.publish(eventSubject(partitionOf(userId, o.partitions)), data, { msgID: id }).then(() => ts);
  };
  // Two points, half the users each: the slope is what a user costs, apart from what the worker
  // costs with no users (heap, young generation, code), which a ratio to the idle RSS would
  // charge to the users. RSS itself is no good for the slope: it depends on where the heap was in
  // its collection cycle and on the young generation's growth (between 100,000 and 200,000 windows
  // it has been seen to fall by 86 MB, and to rise by 170 MB). The live heap after full collections
  // is steady (the same to the MB over runs), so a window's cost is its live bytes times how much
  // old space V8 keeps committed per live byte (1.8-2.2 measured at 200,000 to 1,000,000 windows).
  const armStarted = performance.now();
  const half = Math.floor(o.users / 2);
  const arm = async (from: number, to: number) => {
    const ids = Array.from({ length: to - from }, (_, i) => from + i);
    const progress = createProgress('arm pending windows', ids.length, 'events');
    await pipeline(
      ids,
      (i) => publish(`pending-${i}`, 'Cart', `c${i}`),
      2000,
      (n) => progress.update(n),
    );
    progress.done();
    const armed = await watchDrain(nats.nc, { total: to, partitions: o.partitions, timeoutMs: o.timeoutMs, label: 'worker arming' });
    if (!armed.complete) throw new Error(`the worker had not armed ${to} windows after ${o.timeoutMs} ms`);
  };
  await arm(0, half);
  const armPerS = Math.round(half / ((performance.now() - armStarted) / 1000));
  const rssHalf = await settledRss(pid, o.settleMs, o.settleMs * 3);
  const heapHalf = await collectedHeap(worker.child, heapOut);
  await arm(half, o.users);
  const rss = await settledRss(pid, o.settleMs, o.settleMs * 3);
  const heap = await collectedHeap(worker.child, heapOut);
  const commit = heap.oldPhysicalBytes / heap.oldUsedBytes;
  const perUser = (Math.max(0, heap.usedBytes - heapHalf.usedBytes) / (o.users - half)) * commit;
  const model = Math.round(rss + (perUser * (1_000_000 - o.users)) / 2 ** 20);
  const modelFromHalf = Math.round(rssHalf + (perUser * (1_000_000 - half)) / 2 ** 20);
  const perMillion = o.users >= 1_000_000 ? Math.round(rss) : model;
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  say(
    `  ${o.users} pending windows armed at ${armPerS}/s: worker RSS ${rss.toFixed(0)} MB ` +
      `(${rssHalf.toFixed(0)} MB at ${half}, idle ${idle.toFixed(0)} MB); ` +
      `live heap ${mb(heap.usedBytes)} MB (${mb(heapHalf.usedBytes)} MB), old space committed ${commit.toFixed(2)}× live: ` +
      `${perUser.toFixed(0)} bytes per window → ` +
      `${model} MB at a million by the model ` +
      `(${modelFromHalf} MB from ${half})${o.users >= 1_000_000 ? `, ${rss.toFixed(0)} MB measured` : ''}`,
  );

  const listenNc = await nats.connect();
  const fired = await (
    await jetstream(listenNc).consumers.get(STREAM_ENTRIES, {
      deliver_policy: DeliverPolicy.New,
      filter_subjects: entrySubject(probeSegment.id),
    })
  ).consume();
  const deadlineOf = new Map<string, number>();
  const lateness: number[] = [];
  const total = o.probeRate * o.probeSeconds;
  const listening = (async () => {
    for await (const m of fired) {
      const e = m.json<Entry>();
      lateness.push(Number(m.timestampNanos / 1_000_000n) - deadlineOf.get(e.userId)!);
      if (lateness.length === total) break;
    }
  })();
  const cpu0 = machineCpu();
  await paced(o.probeRate, total, (i) => {
    const userId = `probe-${i}`;
    void publish(userId, 'Probe', `p${i}`).then((ts) => deadlineOf.set(userId, ts + o.probeWithinS * 1000));
  });
  const giveUp = setTimeout(() => void fired.stop(), o.probeWithinS * 1000 + 30_000);
  await listening;
  clearTimeout(giveUp);
  const cpu = cpuShares(cpu0, machineCpu());
  await fired.close();
  const result = {
    pending_windows: o.users,
    worker_idle_rss_mb: Math.round(idle),
    worker_rss_mb: Math.round(rss),
    worker_rss_half_mb: Math.round(rssHalf),
    worker_heap_live_mb: Math.round(heap.usedBytes / 2 ** 20),
    worker_heap_live_half_mb: Math.round(heapHalf.usedBytes / 2 ** 20),
    old_space_commit_ratio: +commit.toFixed(2),
    rss_bytes_per_user: Math.round(perUser),
    rss_model_mb_per_million_users: model,
    rss_model_from_half_mb: modelFromHalf,
    rss_mb_per_million_users: perMillion,
    arm_per_s: armPerS,
    probes: total,
    probes_fired: lateness.length,
    lateness_p50_ms: percentile(lateness, 50),
    lateness_p99_ms: percentile(lateness, 99),
    lateness_max_ms: lateness.reduce((a, b) => Math.max(a, b), 0),
    cpu_stolen: cpu?.stolen,
  };
  say(
    `  ${total} probe windows (${o.probeRate}/s, ${o.probeWithinS} s each) with ${o.users} pending: ` +
      `lateness p50 ${result.lateness_p50_ms} ms, p99 ${result.lateness_p99_ms} ms, max ${result.lateness_max_ms} ms ` +
      `(${lateness.length}/${total} fired${cpu ? `, ${cpuNote(cpu)}` : ''})`,
  );
  return result;
}

const GC_HOOK = fileURLToPath(new URL('./gc-on-signal.mjs', import.meta.url));

interface HeapReading {
  usedBytes: number;
  oldUsedBytes: number;
  oldPhysicalBytes: number;
}

/** The worker's heap right after full collections (SIGUSR2, see gc-on-signal.mjs). */
async function collectedHeap(child: ChildProcess, file: string): Promise<HeapReading> {
  rmSync(file, { force: true });
  child.kill('SIGUSR2');
  for (let waited = 0; waited < 30_000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as HeapReading;
  }
  throw new Error('the worker did not report its heap within 30 s');
}

/**
 * RSS once it has stopped falling: V8's memory reducer returns freed pages some seconds after
 * allocation slows down (measured: a reading 2 s after arming was up to 4× the live heap). Waits
 * `minMs`, then reads every second until two readings agree within 2%, or `maxMs` has passed.
 */
async function settledRss(pid: number, minMs: number, maxMs: number): Promise<number> {
  const until = Date.now() + maxMs;
  await new Promise((r) => setTimeout(r, minMs));
  let last = rssMb(pid);
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = rssMb(pid);
    if (Math.abs(now - last) <= last * 0.02 || Date.now() > until) return now;
    last = now;
  }
}
