/**
 * The gateway at scale: start-up, memory and answer times against a long entry history.
 *
 *   npx tsx deploy/bench/gateway-scale.ts [--entries 1000000] [--requests 500]
 *
 * On a fresh nats-server (in a temp dir, removed after): publishes `entries` synthetic entries over
 * 20 segments straight to LIVESEG_ENTRIES (deterministic `Nats-Msg-Id`s; per segment, of every 5
 * entries 3 are first entries of new users and 2 re-entries), runs a gateway process until its
 * report projection has caught up (timed, entries/s), stops it, then starts a FRESH `liveseg
 * gateway` process and measures the time from its start to `/readyz` 200 and a correct report,
 * its RSS, and the p99 of reports, member pages (limit 1000, anywhere in the list) and the
 * segment list. Progress goes to stderr; the last line is one JSON object.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AckPublisher } from '../../actors/bus/ack-publisher.ts';
import { entryMsgId, entrySubject } from '../../actors/bus/names.ts';
import type { Segment } from '../../actors/types.ts';
import { freePort } from '../nats/index.ts';
import { putSegments, startBenchNats } from './bench-nats.ts';
import { Scope } from './scope.ts';
import { median, percentile, printJson } from './stats.ts';

const SEGMENTS = 20;
const DAY = 86_400_000;
const KEY = 'bench-scale-admin-key';
const BIN = resolve(fileURLToPath(import.meta.url), '../../bin/liveseg.mjs');
const encoder = new TextEncoder();

/** What one run measured (the JSON line). */
export interface GatewayScaleResult {
  entries: number;
  gateway_rss_mb: number;
  ready_ms: number;
  report_p99_ms: number;
  members_page_p99_ms: number;
  list_p99_ms: number;
  report_p50_ms: number;
  members_page_p50_ms: number;
  list_p50_ms: number;
  publish_s: number;
  projection_s: number;
  projection_per_s: number;
}

/** The k-th entry of a segment: of every 5, users 3b…3b+2 enter first, users 2b and 2b+1 again. */
function entryOf(k: number): { user: number; n: number } {
  const b = Math.floor(k / 5);
  const r = k % 5;
  return r < 3 ? { user: 3 * b + r, n: 1 } : { user: 2 * b + (r - 3), n: 2 };
}

/** Entries and members of segment `s` among `total` entries dealt round-robin. */
function expected(s: number, total: number): { entries: number; members: number } {
  const entries = Math.floor(total / SEGMENTS) + (s < total % SEGMENTS ? 1 : 0);
  return { entries, members: 3 * Math.floor(entries / 5) + Math.min(entries % 5, 3) };
}

const segmentId = (s: number) => `sg_scale${String(s).padStart(12, '0')}`;

/** One GET over a keep-alive agent; resolves with the status and body. */
function request(port: number, path: string, agent?: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    http
      .get({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${KEY}` } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, body }));
      })
      .on('error', fail);
  });
}

/** Sequential timed GETs; latencies in ms. */
async function time(port: number, paths: string[]): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out: number[] = [];
  for (const path of paths) {
    const t0 = performance.now();
    const res = await request(port, path, agent);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.body.slice(0, 200)}`);
    out.push(performance.now() - t0);
  }
  agent.destroy();
  return out;
}

/** Whether segment `s`'s report counts everything published. */
async function reportCorrect(port: number, s: number, total: number): Promise<boolean> {
  const res = await request(port, `/v1/segments/${segmentId(s)}/report`).catch(() => undefined);
  if (res?.status !== 200) return false;
  const r = JSON.parse(res.body) as { daily: Array<{ count: number }>; reachability: { total: number } };
  const want = expected(s, total);
  return r.reachability.total === want.members && r.daily.reduce((n, d) => n + d.count, 0) === want.entries;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `liveseg gateway` as its own process. */
function startGateway(natsUrl: string, port: number): ChildProcess {
  const child = spawn(process.execPath, [BIN, 'gateway', '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...process.env, NATS_URL: natsUrl, LIVESEG_ADMIN_KEYS: KEY, LIVESEG_INGEST_KEYS: '', LIVESEG_RATE_LIMIT: 'off' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function stopGateway(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Peak resident memory of a process in MB (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? /VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

/** Publishes, projects, and measures a fresh gateway; see the file comment. */
export async function measureGatewayScale(
  opts: { entries: number; requests?: number },
  say: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<GatewayScaleResult> {
  const N = opts.entries;
  const requests = opts.requests ?? 500;
  const scope = new Scope();
  try {
    const nats = await startBenchNats(scope, 16);
    const nc = nats.nc;
    const now = Date.now();
    const createdAt = now - 92 * DAY;
    const firstDay = Math.ceil(createdAt / DAY) * DAY;
    const span = 90 * DAY;
    await putSegments(
      nc,
      Array.from({ length: SEGMENTS }, (_, s): Segment => {
        const name = `Scale ${s}`;
        return { id: segmentId(s), name, kind: 'action', createdAt, definition: { name, trigger: { kind: 'action', event: `Scale${s}` } } };
      }),
    );

    const acks = new AckPublisher(nc, 60_000);
    const t0 = performance.now();
    const WINDOW = 4000;
    for (let i = 0; i < N; i += WINDOW) {
      const batch: Promise<unknown>[] = [];
      for (let j = i; j < Math.min(N, i + WINDOW); j++) {
        const s = j % SEGMENTS;
        const { user, n } = entryOf(Math.floor(j / SEGMENTS));
        const userId = `user-${user}`;
        const entry = {
          segmentId: segmentId(s),
          userId,
          at: firstDay + Math.floor((j / N) * span),
          cause: { kind: 'action' },
          reach: { email: user % 2 === 0, sms: user % 3 === 0, whatsapp: user % 7 === 0, push: user % 5 === 0, web_push: user % 11 === 0 },
        };
        batch.push(
          acks.publish(entrySubject(entry.segmentId), encoder.encode(JSON.stringify(entry)), {
            msgID: entryMsgId(entry.segmentId, userId, n),
          }),
        );
      }
      await Promise.all(batch);
      if (i % 500_000 === 0 && i > 0) say(`  published ${i.toLocaleString('en-US')} entries`);
    }
    acks.stop();
    const publishS = (performance.now() - t0) / 1000;
    say(`published ${N.toLocaleString('en-US')} entries over ${SEGMENTS} segments in ${publishS.toFixed(1)} s`);

    // The projection catches up once, in the first gateway ever started on this history.
    const port1 = await freePort();
    const t1 = performance.now();
    const first = scope.add('gateway', startGateway(nats.url, port1), stopGateway);
    for (let s = 0; s < SEGMENTS; ) {
      if (await reportCorrect(port1, s, N)) s++;
      else await sleep(250);
      if (first.exitCode !== null) throw new Error('the first gateway exited');
    }
    const projectionS = (performance.now() - t1) / 1000;
    say(
      `the first gateway projected the history in ${projectionS.toFixed(1)} s (${Math.round(N / projectionS).toLocaleString('en-US')} entries/s)`,
    );
    await stopGateway(first);

    // A fresh gateway: start-up and answers do not depend on the history any more.
    const port = await freePort();
    const t2 = performance.now();
    const gw = scope.add('gateway', startGateway(nats.url, port), stopGateway);
    for (;;) {
      const ok = await request(port, '/readyz').then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok && (await reportCorrect(port, 0, N))) break;
      if (gw.exitCode !== null) throw new Error('the gateway exited');
      await sleep(20);
    }
    const readyMs = Math.round(performance.now() - t2);
    say(`a fresh gateway was ready with a correct report ${readyMs} ms after its start`);

    const reports = Array.from({ length: requests }, (_, i) => `/v1/segments/${segmentId(i % SEGMENTS)}/report`);
    await time(port, reports.slice(0, 50)); // warm-up
    const report = await time(port, reports);
    const pages = Array.from({ length: Math.ceil(requests / 2) }, (_, i) => {
      const s = i % SEGMENTS;
      const members = expected(s, N).members;
      const cursor = Math.floor((((i * 7919) % 1000) / 1000) * Math.max(0, members - 1000));
      return `/v1/segments/${segmentId(s)}/members?limit=1000&cursor=${cursor}`;
    });
    const members = await time(port, pages);
    const list = await time(
      port,
      Array.from({ length: Math.ceil(requests / 2) }, () => '/v1/segments'),
    );
    const p99 = (xs: number[]) => Number(percentile(xs, 99).toFixed(2));
    const p50 = (xs: number[]) => Number(median(xs).toFixed(2));
    const result: GatewayScaleResult = {
      entries: N,
      gateway_rss_mb: rssMb(gw.pid!),
      ready_ms: readyMs,
      report_p99_ms: p99(report),
      members_page_p99_ms: p99(members),
      list_p99_ms: p99(list),
      report_p50_ms: p50(report),
      members_page_p50_ms: p50(members),
      list_p50_ms: p50(list),
      publish_s: Number(publishS.toFixed(1)),
      projection_s: Number(projectionS.toFixed(1)),
      projection_per_s: Math.round(N / projectionS),
    };
    return result;
  } finally {
    await scope.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { entries: { type: 'string', default: '1000000' }, requests: { type: 'string', default: '500' } },
  });
  const entries = Number(values.entries);
  const requests = Number(values.requests);
  if (!Number.isSafeInteger(entries) || entries < SEGMENTS || !Number.isSafeInteger(requests) || requests < 10) {
    process.stderr.write('usage: gateway-scale.ts [--entries N ≥ 20] [--requests M ≥ 10]\n');
    process.exit(2);
  }
  printJson({ ...(await measureGatewayScale({ entries, requests })) });
}
