/**
 * `GET /v1/segments/:id/report` on a segment with 1,000,000 members.
 *
 *   npx tsx deploy/bench/gateway-report.ts [--members 1000000] [--requests 1000] [--days 90]
 *
 * Publishes `members` entries (one per user, spread over `days` days, random reach) to
 * LIVESEG_ENTRIES on a fresh nats-server, starts a gateway (which rebuilds its index from the
 * stream, timed), serves it over HTTP with serveNode, then times `requests` sequential report
 * requests (p50/p99, target p99 ≤ 100 ms), plus members pages and the segment list.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { BUCKET_SEGMENTS, entryMsgId, entrySubject } from '../../actors/bus/names.ts';
import { provision } from '../../actors/bus/provision.ts';
import type { Segment } from '../../actors/types.ts';
import { serveNode } from '../../gateway/node.ts';
import { AckPublisher } from '../../gateway/services/index.ts';
import { createGateway } from '../../gateway/system.ts';
import { startNatsServer } from '../nats/index.ts';
import { median, percentile, printJson } from './stats.ts';

const { values: o } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '1000' },
    days: { type: 'string', default: '90' },
  },
});
const MEMBERS = Number(o.members);
const REQUESTS = Number(o.requests);
const DAYS = Number(o.days);
const DAY = 86_400_000;
const encoder = new TextEncoder();

/** Sequential GETs over one keep-alive connection; latencies in ms. */
async function time(port: number, path: string, n: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, agent }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${path}: ${res.statusCode}`))));
        })
        .on('error', reject);
    });
    out.push(performance.now() - t0);
  }
  agent.destroy();
  return out;
}

const stats = (xs: number[]) => ({
  p50: Number(median(xs).toFixed(2)),
  p99: Number(percentile(xs, 99).toFixed(2)),
  max: Number(Math.max(...xs).toFixed(2)),
});

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'liveseg-bench-report-'));
  const nats = await startNatsServer({ dataDir });
  const nc = await connect({ servers: nats.url, noAsyncTraces: true });
  const gatewayNc = await connect({ servers: nats.url, noAsyncTraces: true });
  try {
    await provision(nc, { partitions: 16 });
    const now = Date.now();
    const segment: Segment = {
      id: 'sg_benchreport000000',
      name: 'Bench: a million members',
      kind: 'action',
      createdAt: now - DAYS * DAY - 3600_000,
      definition: { name: 'Bench: a million members', trigger: { kind: 'action', event: 'Bench' } },
    };
    await (await new Kvm(nc).open(BUCKET_SEGMENTS)).put(segment.id, encoder.encode(JSON.stringify(segment)));

    const acks = new AckPublisher(nc, 30_000);
    const t0 = performance.now();
    const span = now - segment.createdAt;
    for (let i = 0; i < MEMBERS; i += 5000) {
      await Promise.all(
        Array.from({ length: Math.min(5000, MEMBERS - i) }, (_, k) => {
          const n = i + k;
          const entry = {
            segmentId: segment.id,
            userId: `user-${n}@example.com`,
            at: segment.createdAt + Math.floor((n / MEMBERS) * span),
            cause: { eventId: `ev-${n}`, kind: 'action' },
            reach: { email: n % 2 === 0, sms: n % 3 === 0, whatsapp: n % 7 === 0, push: n % 5 === 0, web_push: n % 11 === 0 },
          };
          return acks.publish(entrySubject(segment.id), encoder.encode(JSON.stringify(entry)), {
            msgID: entryMsgId(segment.id, entry.userId, 1),
          });
        }),
      );
    }
    acks.stop();
    const publishSeconds = (performance.now() - t0) / 1000;
    console.log(`published ${MEMBERS} entries to LIVESEG_ENTRIES in ${publishSeconds.toFixed(1)} s`);

    const heapBefore = process.memoryUsage().heapUsed;
    const t1 = performance.now();
    const gw = await createGateway(gatewayNc, { keys: { admin: [], ingest: [] } });
    await gw.entries.ready();
    const rebuildSeconds = (performance.now() - t1) / 1000;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    console.log(
      `gateway started and rebuilt its index from the stream in ${rebuildSeconds.toFixed(1)} s (index ≈ ${heapMb.toFixed(0)} MB heap)`,
    );

    const server = await serveNode(gw.app, 0, '127.0.0.1', { assets: false });
    try {
      await time(server.port, `/v1/segments/${segment.id}/report`, 50); // warm-up
      const report = stats(await time(server.port, `/v1/segments/${segment.id}/report`, REQUESTS));
      const members = stats(await time(server.port, `/v1/segments/${segment.id}/members?limit=1000&cursor=500000`, 200));
      const list = stats(await time(server.port, '/v1/segments', 200));
      console.log(
        `GET /report over ${REQUESTS} requests: p50 ${report.p50} ms, p99 ${report.p99} ms (target ≤ 100 ms), max ${report.max} ms`,
      );
      console.log(
        `GET /members?limit=1000 (mid-list): p50 ${members.p50} ms, p99 ${members.p99} ms; ` +
          `GET /segments: p50 ${list.p50} ms, p99 ${list.p99} ms`,
      );
      printJson({
        bench: 'gateway-report',
        members: MEMBERS,
        requests: REQUESTS,
        publishSeconds,
        rebuildSeconds,
        indexHeapMb: Math.round(heapMb),
        report,
        members1000: members,
        list,
      });
    } finally {
      await server.close();
      gw.stop();
    }
  } finally {
    await gatewayNc.drain().catch(() => undefined);
    await nc.drain().catch(() => undefined);
    await nats.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
