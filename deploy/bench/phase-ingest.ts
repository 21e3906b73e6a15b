/**
 * Ingest phase: raw JetStream async publishing (the limit) beside HTTP ingest and the producer
 * helper, the same load-model events for each, alternated round by round on one nats-server.
 */
import { jetstream } from '@nats-io/jetstream';
import { eventSubject } from '../../actors/bus/names.ts';
import { partitionOf } from '../../actors/bus/partition.ts';
import { createProducer } from '../../actors/bus/producer.ts';
import type { LiveEvent } from '../../actors/types.ts';
import { serveNode } from '../../gateway/node.ts';
import { AckPublisher } from '../../gateway/services/index.ts';
import { createGateway } from '../../gateway/system.ts';
import { startBenchNats } from './bench-nats.ts';
import { HttpClients } from './http-clients.ts';
import { createLoadModel } from './load-model.ts';
import { pipeline } from './pipeline.ts';
import type { Scope } from './scope.ts';
import { median } from './stats.ts';

export interface IngestOptions {
  events: number;
  rounds: number;
  /** Events per HTTP request. */
  batch: number;
  /** Concurrent HTTP clients. */
  clients: number;
  /** Publishes awaiting their ack at once (raw and producer). */
  window: number;
  users: number;
  partitions: number;
}

export interface IngestResult {
  /** nats.js `js.publish`, pre-serialised, `window` in flight: the denominator of the ratios. */
  raw_publish_per_s: number;
  /** Core publish with a reply inbox shared by all acks (what the gateway uses), for reference. */
  raw_publish_pipelined_per_s: number;
  http_ingest_per_s: number;
  producer_ingest_per_s: number;
  ingest_ratio: number;
  producer_ratio: number;
  rounds: Array<{ raw: number; pipelined: number; http: number; producer: number }>;
}

const encoder = new TextEncoder();
/** Items per second of `n` items in `ms`. */
export const perSec = (n: number, ms: number) => Math.round(n / (ms / 1000));

/** `o.events` load-model events; a different `tag` per round and path, so the duplicate window drops none. */
export function loadEvents(o: Pick<IngestOptions, 'events' | 'users'>, tag: string): LiveEvent[] {
  const model = createLoadModel({ users: o.users, seed: tag.length * 7919 + tag.charCodeAt(tag.length - 1), idPrefix: tag });
  const out: LiveEvent[] = [];
  while (out.length < o.events) {
    const item = model.next();
    if (item.kind === 'event') out.push(item.event);
  }
  return out;
}

/** Events as raw JetStream publishes: partition subject, pre-serialised JSON, msg id. */
export const serialised = (evs: LiveEvent[], partitions: number) =>
  evs.map((e) => ({ subject: eventSubject(partitionOf(e.userId, partitions)), data: encoder.encode(JSON.stringify(e)), id: e.id }));

/** Runs the ingest phase on its own nats-server; `say` prints one line per round. */
export async function measureIngest(scope: Scope, o: IngestOptions, say: (line: string) => void): Promise<IngestResult> {
  const nats = await startBenchNats(scope, o.partitions);
  const gatewayNc = await nats.connect();
  const gw = scope.add('gateway', await createGateway(gatewayNc, { keys: { admin: [], ingest: [] } }), (g) => g.stop());
  const server = scope.add('http server', await serveNode(gw.app, 0, '127.0.0.1', { assets: false }), (s) => s.close());
  const clients = scope.add('http clients', new HttpClients(o.clients), (c) => c.stop());
  const publisherNc = await nats.connect();
  const js = jetstream(publisherNc);
  const acks = scope.add('ack publisher', new AckPublisher(publisherNc), (a) => a.stop());
  const producer = await createProducer(await nats.connect());

  const events = (tag: string) => loadEvents(o, tag);

  const rounds: IngestResult['rounds'] = [];
  for (let r = 1; r <= o.rounds; r++) {
    const raw = serialised(events(`raw${r}`), o.partitions);
    const rawMs = await pipeline(raw, (m) => js.publish(m.subject, m.data, { msgID: m.id }), o.window);

    const evs = events(`http${r}`);
    const bodies: Uint8Array[] = [];
    for (let i = 0; i < evs.length; i += o.batch) bodies.push(encoder.encode(JSON.stringify(evs.slice(i, i + o.batch))));
    const posted = await clients.post(server.port, '/v1/events', bodies);
    if (posted.accepted !== o.events) throw new Error(`HTTP ingest accepted ${posted.accepted} of ${o.events} events`);

    const viaProducer = events(`prod${r}`);
    const producerMs = await pipeline(viaProducer, (e) => producer.publishEvent(e), o.window);

    const piped = serialised(events(`pipe${r}`), o.partitions);
    const pipedMs = await pipeline(piped, (m) => acks.publish(m.subject, m.data, { msgID: m.id }), o.window);

    const round = {
      raw: perSec(o.events, rawMs),
      pipelined: perSec(o.events, pipedMs),
      http: perSec(o.events, posted.ms),
      producer: perSec(o.events, producerMs),
    };
    rounds.push(round);
    say(
      `  round ${r}/${o.rounds}: raw js.publish ${round.raw}/s · HTTP ${round.http}/s · producer ${round.producer}/s · ` +
        `raw pipelined ${round.pipelined}/s`,
    );
  }
  const raw = median(rounds.map((x) => x.raw));
  const http = median(rounds.map((x) => x.http));
  const prod = median(rounds.map((x) => x.producer));
  return {
    raw_publish_per_s: Math.round(raw),
    raw_publish_pipelined_per_s: Math.round(median(rounds.map((x) => x.pipelined))),
    http_ingest_per_s: Math.round(http),
    producer_ingest_per_s: Math.round(prod),
    ingest_ratio: +(http / raw).toFixed(3),
    producer_ratio: +(prod / raw).toFixed(3),
    rounds,
  };
}
