import type { ConsumerLag } from './services/consumer-lag.ts';
import type { EntryIndex } from './services/entry-index.ts';
import type { LiveHub } from './services/live-hub.ts';
import { Metrics } from './services/metrics.ts';
import { registerDestinationMetrics } from './services/destination-metrics.ts';
import type { DestinationService } from './services/destination-service.ts';

/** Names of the gateway's metrics. */
export const METRIC = {
  requests: 'liveseg_http_requests_total',
  requestSeconds: 'liveseg_http_request_seconds_total',
  accepted: 'liveseg_ingest_accepted_total',
  rejected: 'liveseg_ingest_rejected_total',
  segmentSpec: 'liveseg_segment_spec_messages_total',
  entries: 'liveseg_segment_entries_total',
  members: 'liveseg_segment_members',
  sseClients: 'liveseg_sse_clients',
  lag: 'liveseg_consumer_pending',
  ackPending: 'liveseg_consumer_ack_pending',
  indexSeq: 'liveseg_entries_index_sequence',
} as const;

/** The gateway's metrics: counters fed by routes and middleware, gauges read from services. */
export function gatewayMetrics(src: { entries: EntryIndex; hub: LiveHub; lag: ConsumerLag; destinations?: DestinationService }): Metrics {
  const m = new Metrics();
  m.counter(METRIC.requests, 'HTTP requests by method, route pattern and status');
  m.counter(METRIC.requestSeconds, 'Time spent answering HTTP requests, by route pattern (until headers for streams)');
  m.counter(METRIC.accepted, 'Ingested items stored in LIVESEG_IN, by kind (events, profiles)');
  m.counter(METRIC.rejected, 'Ingested items refused, by kind and reject code');
  m.counter(METRIC.segmentSpec, 'Segment-spec messages by type and outcome (stored, ignored: alias and group, rejected)');
  m.collected(METRIC.entries, 'Entries per segment in LIVESEG_ENTRIES (re-entries included)', 'counter', () =>
    src.entries.totals().map((t) => ({ labels: { segment: t.segmentId }, value: t.entries })),
  );
  m.collected(METRIC.members, 'Distinct members per segment', 'gauge', () =>
    src.entries.totals().map((t) => ({ labels: { segment: t.segmentId }, value: t.members })),
  );
  m.collected(METRIC.sseClients, 'Connected live-feed (SSE) clients', 'gauge', () => [{ value: src.hub.clients }]);
  m.collected(METRIC.lag, 'Messages not yet delivered to a partition consumer (liveseg-p<N>), cached 5 s', 'gauge', async () =>
    (await src.lag.read()).filter((l) => l.pending !== undefined).map((l) => ({ labels: { partition: l.partition }, value: l.pending! })),
  );
  m.collected(METRIC.ackPending, 'Messages delivered but not yet acknowledged per partition consumer, cached 5 s', 'gauge', async () =>
    (await src.lag.read())
      .filter((l) => l.ackPending !== undefined)
      .map((l) => ({ labels: { partition: l.partition }, value: l.ackPending! })),
  );
  if (src.destinations) registerDestinationMetrics(m, () => src.destinations!.figures());
  m.collected(METRIC.indexSeq, 'Last LIVESEG_ENTRIES sequence projected by this gateway', 'gauge', () => [{ value: src.entries.sequence }]);
  return m;
}
