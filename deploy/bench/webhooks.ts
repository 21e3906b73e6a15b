/**
 * Webhook delivery benchmark: entry → delivered latency at a fixed rate to a local receiver, and
 * deliveries per second against a raw HTTP client posting the same signed requests to the same
 * receiver, in the same run. Both sides send with 16 requests in flight; the receiver verifies
 * every signature with `standardwebhooks`. Run alone: `tsx deploy/bench/webhooks.ts [--quick]`
 * (prints one JSON line); `npm run bench` runs it as a phase.
 */
import { parseArgs } from 'node:util';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BUCKET_DESTINATIONS, entryMsgId, entrySubject } from '../../actors/bus/names.ts';
import { Deliverer } from '../../actors/destinations/deliverer.ts';
import { entryPayload } from '../../actors/destinations/payload.ts';
import { webhookHeaders } from '../../actors/destinations/signature.ts';
import { DestinationStore } from '../../actors/destinations/store.ts';
import { startReceiver } from '../../actors/destinations/e2e/receiver.ts';
import type { Entry } from '../../actors/types.ts';
import { startBenchNats } from './bench-nats.ts';
import { Scope } from './scope.ts';
import { percentile, printJson } from './stats.ts';

export interface WebhookBenchOptions {
  /** Offered entries per second in the latency part. */
  rate: number;
  seconds: number;
  /** Entries delivered in the throughput part (and requests of the raw client). */
  backlog: number;
  /** Requests in flight, both sides. */
  concurrency: number;
}

export interface WebhookBenchResult {
  offered_per_s: number;
  delivered: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  deliveries_per_s: number;
  raw_http_per_s: number;
  /** deliveries_per_s / raw_http_per_s (target ≥ 0.5). */
  ratio: number;
}

const encoder = new TextEncoder();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const reach = { email: true, sms: false, whatsapp: false, push: false, web_push: false };

/** Runs both parts on a fresh nats-server owned by `scope`. */
export async function measureWebhooks(scope: Scope, o: WebhookBenchOptions, say: (line: string) => void): Promise<WebhookBenchResult> {
  const nats = await startBenchNats(scope, 1);
  const js = jetstream(nats.nc);
  const store = new DestinationStore(await new Kvm(nats.nc).open(BUCKET_DESTINATIONS));
  const secrets = new Map<string, string>();
  const receiver = await startReceiver(() => secrets.get('current'));
  scope.add('receiver', receiver, (r) => r.stop());
  const publish = (segmentId: string, n: number, from: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) => {
        const entry: Entry = { segmentId, userId: `u${from + i}`, at: Date.now(), cause: { kind: 'action' }, reach };
        return js.publish(entrySubject(segmentId), encoder.encode(JSON.stringify(entry)), {
          msgID: entryMsgId(segmentId, entry.userId, 1),
        });
      }),
    );
  const startDeliverer = async () =>
    scope.add(
      'deliverer',
      await Deliverer.start(await nats.connect(), {
        policy: { allowPrivate: true },
        concurrency: o.concurrency,
        // The per-destination rate limit is a policy, not a capability: lifted to measure the engine.
        ratePerSecond: 1_000_000,
      }),
      (d) => d.stop(),
    );

  // 1. Latency at a fixed offered rate.
  const live = await store.create({ name: 'latency', url: receiver.url, segments: ['sg_latency'] });
  secrets.set('current', live.secret);
  const deliverer = await startDeliverer();
  const total = o.rate * o.seconds;
  say(`  latency: ${total} entries at ${o.rate}/s`);
  const tick = 10;
  const perTick = (o.rate * tick) / 1000;
  const t0 = performance.now();
  for (let sent = 0; sent < total; ) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / tick + 1) * perTick));
    if (due > sent) {
      void publish('sg_latency', due - sent, sent);
      sent = due;
    }
    await sleep(tick);
  }
  const deadline = Date.now() + 30_000;
  while (receiver.deliveredIds().size < total && Date.now() < deadline) await sleep(50);
  const latencies = receiver.received.filter((r) => r.status < 300 && r.body?.data).map((r) => r.at - r.body.data.at);
  await deliverer.stop();

  // 2. Throughput: a backlog delivered from a standing start, against the raw client.
  receiver.reset();
  const bulk = await store.create({ name: 'throughput', url: receiver.url, segments: ['sg_bulk'] });
  secrets.set('current', bulk.secret);
  await publish('sg_bulk', o.backlog, 0);
  say(`  throughput: ${o.backlog} deliveries vs ${o.backlog} raw HTTP posts, ${o.concurrency} in flight each`);
  const d0 = performance.now();
  const second = await startDeliverer();
  while (receiver.deliveredIds().size < o.backlog && performance.now() - d0 < 120_000) await sleep(10);
  const deliveredMs = performance.now() - d0;
  const deliveredCount = receiver.deliveredIds().size;
  await second.stop();

  // The raw client: the same receiver, signed bodies prepared beforehand, plain fetch.
  receiver.reset();
  const requests = await Promise.all(
    Array.from({ length: o.backlog }, async (_, i) => {
      const entry: Entry = { segmentId: 'sg_raw', userId: `u${i}`, at: Date.now(), cause: { kind: 'action' }, reach };
      const body = JSON.stringify(entryPayload(entry, 'raw'));
      return {
        body,
        headers: { 'content-type': 'application/json', ...(await webhookHeaders(bulk.secret, `raw:${i}`, Date.now(), body)) },
      };
    }),
  );
  const post = async (batch: typeof requests) => {
    let next = 0;
    let ok = 0;
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (next < batch.length) {
          const req = batch[next++]!;
          const res = await fetch(receiver.url, { method: 'POST', headers: req.headers, body: req.body });
          await res.body?.cancel();
          if (res.ok) ok++;
        }
      }),
    );
    return ok;
  };
  // Warmed up like the deliverer (which ran the latency part first).
  await post(requests.slice(0, Math.min(1000, requests.length)));
  const r0 = performance.now();
  const ok = await post(requests);
  const rawMs = performance.now() - r0;

  const deliveries_per_s = Math.round(deliveredCount / (deliveredMs / 1000));
  const raw_http_per_s = Math.round(ok / (rawMs / 1000));
  const result: WebhookBenchResult = {
    offered_per_s: o.rate,
    delivered: latencies.length,
    p50_ms: Math.round(percentile(latencies, 50)),
    p99_ms: Math.round(percentile(latencies, 99)),
    max_ms: Math.round(Math.max(0, ...latencies)),
    deliveries_per_s,
    raw_http_per_s,
    ratio: raw_http_per_s ? Math.round((deliveries_per_s / raw_http_per_s) * 100) / 100 : 0,
  };
  say(
    `  entry → delivered p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms (${result.delivered}/${total}); ` +
      `${deliveries_per_s} deliveries/s vs ${raw_http_per_s} raw posts/s (ratio ${result.ratio}); unverified ${receiver.unverified}`,
  );
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const scope = new Scope();
  try {
    const result = await measureWebhooks(
      scope,
      values.quick
        ? { rate: 500, seconds: 10, backlog: 5_000, concurrency: 16 }
        : { rate: 500, seconds: 30, backlog: 20_000, concurrency: 16 },
      (l) => process.stderr.write(`${l}\n`),
    );
    printJson({ bench: 'webhooks', ...result });
  } finally {
    await scope.close();
  }
}
