/**
 * Segment-spec ingest phase: `POST /v1/batch` (what Segment's and RudderStack's SDKs send, HTTP
 * Basic write key) beside raw JetStream async publishing of the same events, alternated round by
 * round on one nats-server. Also measured, for reference: the same batches gzip-compressed, as
 * RudderStack's Node SDK sends them by default.
 */
import { gzipSync } from 'node:zlib';
import { jetstream } from '@nats-io/jetstream';
import { PAGE_VIEW } from '../../actors/definition/index.ts';
import type { LiveEvent } from '../../actors/types.ts';
import { serveNode } from '../../gateway/node.ts';
import { createGateway } from '../../gateway/system.ts';
import { startBenchNats } from './bench-nats.ts';
import { HttpClients } from './http-clients.ts';
import { type IngestOptions, loadEvents, perSec, serialised } from './phase-ingest.ts';
import { pipeline } from './pipeline.ts';
import type { Scope } from './scope.ts';
import { median } from './stats.ts';

export interface SegmentIngestResult {
  /** nats.js `js.publish`, pre-serialised, `window` in flight: the denominator of the ratio. */
  raw_publish_per_s: number;
  segment_batch_per_s: number;
  segment_batch_gzip_per_s: number;
  /** segment_batch_per_s / raw_publish_per_s (target ≥ 0.8, like `/v1/events`). */
  segment_ratio: number;
  segment_gzip_ratio: number;
  rounds: Array<{ raw: number; batch: number; gzip: number }>;
}

const WRITE_KEY = 'bench-write-key';
const encoder = new TextEncoder();

/** An event as a Segment SDK sends it: track, or page for page views; messageId is the event id. */
function segmentMessage(e: LiveEvent, sentAt: string): Record<string, unknown> {
  const common = {
    messageId: e.id,
    userId: e.userId,
    timestamp: new Date(e.ts).toISOString(),
    sentAt,
    context: { library: { name: 'analytics-node', version: '3.1.0' } },
  };
  return e.name === PAGE_VIEW
    ? { ...common, type: 'page', properties: e.props }
    : { ...common, type: 'track', event: e.name, properties: e.props };
}

/** Runs the phase on its own nats-server; `say` prints one line per round. */
export async function measureSegmentIngest(
  scope: Scope,
  /** `batch` is messages per `/v1/batch` request; `window` applies to the raw publishes. */
  o: IngestOptions,
  say: (line: string) => void,
): Promise<SegmentIngestResult> {
  const nats = await startBenchNats(scope, o.partitions);
  const gatewayNc = await nats.connect();
  const gw = scope.add('gateway', await createGateway(gatewayNc, { keys: { admin: [], ingest: [WRITE_KEY] } }), (g) => g.stop());
  const server = scope.add('http server', await serveNode(gw.app, 0, '127.0.0.1', { assets: false }), (s) => s.close());
  const clients = scope.add('http clients', new HttpClients(o.clients), (c) => c.stop());
  const js = jetstream(await nats.connect());
  const auth = { authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` };

  const events = (tag: string) => loadEvents(o, tag);
  const batches = (evs: LiveEvent[]) => {
    const sentAt = new Date().toISOString();
    const out: string[] = [];
    for (let i = 0; i < evs.length; i += o.batch) {
      out.push(JSON.stringify({ batch: evs.slice(i, i + o.batch).map((e) => segmentMessage(e, sentAt)), sentAt }));
    }
    return out;
  };
  const post = async (bodies: Uint8Array[], headers: Record<string, string>) => {
    const r = await clients.post(server.port, '/v1/batch', bodies, { ...auth, ...headers });
    if (r.accepted !== o.events) throw new Error(`/v1/batch accepted ${r.accepted} of ${o.events} messages`);
    return perSec(o.events, r.ms);
  };

  const rounds: SegmentIngestResult['rounds'] = [];
  for (let r = 1; r <= o.rounds; r++) {
    const raw = serialised(events(`raw${r}`), o.partitions);
    const rawMs = await pipeline(raw, (m) => js.publish(m.subject, m.data, { msgID: m.id }), o.window);
    const batch = await post(
      batches(events(`seg${r}`)).map((b) => encoder.encode(b)),
      {},
    );
    const gzip = await post(
      batches(events(`gz${r}`)).map((b) => new Uint8Array(gzipSync(b))),
      { 'content-encoding': 'gzip' },
    );
    const round = { raw: perSec(o.events, rawMs), batch, gzip };
    rounds.push(round);
    say(`  round ${r}/${o.rounds}: raw js.publish ${round.raw}/s · POST /v1/batch ${round.batch}/s · gzip ${round.gzip}/s`);
  }
  const raw = median(rounds.map((x) => x.raw));
  const batch = median(rounds.map((x) => x.batch));
  const gzip = median(rounds.map((x) => x.gzip));
  return {
    raw_publish_per_s: Math.round(raw),
    segment_batch_per_s: Math.round(batch),
    segment_batch_gzip_per_s: Math.round(gzip),
    segment_ratio: +(batch / raw).toFixed(3),
    segment_gzip_ratio: +(gzip / raw).toFixed(3),
    rounds,
  };
}
