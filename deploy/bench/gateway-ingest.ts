/**
 * HTTP ingest throughput vs raw JetStream publishing, in one run against one fresh nats-server.
 *
 *   npx tsx deploy/bench/gateway-ingest.ts [--events 100000] [--batch 500] [--clients 4] [--rounds 3] [--async-traces]
 *
 * raw:  this process publishes pre-serialised ~200-byte events with nats.js `js.publish` (msg id,
 *       partition subject), `clients` concurrent loops of `batch` publishes in flight each.
 * raw-acks: the same through the gateway's AckPublisher (core publish + one shared ack inbox,
 *       the technique the gateway itself uses), to show what is left of the HTTP overhead.
 * http: `clients` concurrent HTTP clients (in a worker thread, so their CPU is not the gateway's)
 *       POST /v1/events with arrays of `batch` events to the gateway served by serveNode.
 * Prints medians of `rounds` rounds and the ratios http/raw (target ≥ 0.8) and http/raw-acks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { eventSubject } from '../../actors/bus/names.ts';
import { partitionOf } from '../../actors/bus/partition.ts';
import { provision } from '../../actors/bus/provision.ts';
import { serveNode } from '../../gateway/node.ts';
import { AckPublisher } from '../../gateway/services/index.ts';
import { createGateway } from '../../gateway/system.ts';
import { startNatsServer } from '../nats/index.ts';
import { median, printJson } from './stats.ts';

const { values: o } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '500' },
    clients: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    'async-traces': { type: 'boolean', default: false },
    /** `raw` or `http` alone, for profiling one side (`node --cpu-prof --import tsx …`). */
    only: { type: 'string' },
  },
});
const TRACES = o['async-traces'];
const EVENTS = Number(o.events);
const BATCH = Number(o.batch);
const CLIENTS = Number(o.clients);
const ROUNDS = Number(o.rounds);
const PARTITIONS = 16;

/** A ~200-byte event, unique per (round, kind, i) so the duplicate window drops nothing. */
const event = (tag: string, i: number) => ({
  id: `${tag}-${String(i).padStart(7, '0')}`,
  userId: `user-${(i * 7919) % 50_000}`,
  name: 'Added To Cart',
  ts: Date.now(),
  props: { product: 'Running Shoe', price: 120 + (i % 50), currency: 'EUR', sku: `SKU-${i % 1000}`, qty: 1 },
});

// The HTTP clients: plain JS in a worker thread; bodies are built before the clock starts.
const CLIENT_CODE = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
parentPort.on('message', async ({ port, bodies, clients }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const post = (body) => new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/events', agent,
      headers: { 'content-type': 'application/json', 'content-length': body.byteLength } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => res.statusCode === 202 ? resolve(JSON.parse(text).accepted) : reject(new Error(res.statusCode + ' ' + text)));
    });
    req.on('error', reject);
    req.end(body);
  });
  const started = performance.now();
  let next = 0, accepted = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < bodies.length) { const n = await post(bodies[next++]); accepted += n; }
  }));
  parentPort.postMessage({ ms: performance.now() - started, accepted });
  agent.destroy();
});`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'liveseg-bench-ingest-'));
  const nats = await startNatsServer({ dataDir });
  // Both connections skip async stack traces: capturing one per request (two `new Error()`s per
  // publish) was ~40% of the CPU profile, for raw and HTTP alike. Every liveseg process connects that way.
  const nc = await connect({ servers: nats.url, noAsyncTraces: TRACES === false });
  const gatewayNc = await connect({ servers: nats.url, noAsyncTraces: TRACES === false });
  await provision(nc, { partitions: PARTITIONS });
  const gw = await createGateway(gatewayNc, { keys: { admin: [], ingest: [] } });
  const server = await serveNode(gw.app, 0, '127.0.0.1', { assets: false });
  const clients = new Worker(CLIENT_CODE, { eval: true });
  const js = jetstream(nc);
  const encoder = new TextEncoder();
  const acks = new AckPublisher(nc);
  const raw: number[] = [];
  const rawAcks: number[] = [];
  const viaHttp: number[] = [];
  /** Publishes `EVENTS` fresh events with `publish`, `CLIENTS` loops of `BATCH` in flight; msg/s. */
  const publishAll = async (tag: string, publish: (subject: string, data: Uint8Array, opts: { msgID: string }) => Promise<unknown>) => {
    const msgs = Array.from({ length: o.only === 'http' ? 0 : EVENTS }, (_, i) => {
      const ev = event(tag, i);
      return { subject: eventSubject(partitionOf(ev.userId, PARTITIONS)), data: encoder.encode(JSON.stringify(ev)), id: ev.id };
    });
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < msgs.length) {
          const batch = msgs.slice(next, (next += BATCH));
          await Promise.all(batch.map((m) => publish(m.subject, m.data, { msgID: m.id })));
        }
      }),
    );
    return EVENTS / ((performance.now() - t0) / 1000);
  };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      // Raw: the same kind of events, pre-serialised, straight to JetStream.
      raw.push(await publishAll(`raw${round}`, (subj, data, opts) => js.publish(subj, data, opts)));
      rawAcks.push(await publishAll(`acks${round}`, (subj, data, opts) => acks.publish(subj, data, opts)));

      const bodies = Array.from({ length: o.only === 'raw' ? 0 : Math.ceil(EVENTS / BATCH) }, (_, b) =>
        encoder.encode(
          JSON.stringify(Array.from({ length: Math.min(BATCH, EVENTS - b * BATCH) }, (_, i) => event(`http${round}`, b * BATCH + i))),
        ),
      );
      const done = new Promise<{ ms: number; accepted: number }>((r) => clients.once('message', r));
      clients.postMessage({ port: server.port, bodies, clients: CLIENTS });
      const { ms, accepted } = await done;
      if (accepted !== EVENTS && o.only !== 'raw') throw new Error(`only ${accepted} of ${EVENTS} events accepted`);
      viaHttp.push(EVENTS / (ms / 1000));
      console.log(
        `round ${round}: raw js.publish ${Math.round(raw.at(-1)!)} msg/s, raw acks ${Math.round(rawAcks.at(-1)!)} msg/s, ` +
          `http ${Math.round(viaHttp.at(-1)!)} events/s`,
      );
    }
    const r = median(raw);
    const a = median(rawAcks);
    const h = median(viaHttp);
    console.log(
      `median of ${ROUNDS}: raw JetStream (js.publish) ${Math.round(r)} msg/s, raw AckPublisher ${Math.round(a)} msg/s, ` +
        `HTTP ingest ${Math.round(h)} events/s; ratio http/raw ${(h / r).toFixed(2)} (target ≥ 0.8), http/raw-acks ${(h / a).toFixed(2)}`,
    );
    printJson({
      bench: 'gateway-ingest',
      events: EVENTS,
      batch: BATCH,
      clients: CLIENTS,
      rawPerSec: Math.round(r),
      rawAcksPerSec: Math.round(a),
      httpPerSec: Math.round(h),
      ratio: Number((h / r).toFixed(3)),
      ratioAcks: Number((h / a).toFixed(3)),
    });
  } finally {
    acks.stop();
    await clients.terminate();
    await server.close();
    gw.stop();
    await gatewayNc.drain();
    await nc.drain();
    await nats.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
