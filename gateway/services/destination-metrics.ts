import { LATENCY_BUCKETS_MS } from '../../actors/destinations/stats.ts';
import type { DestinationFigures } from './destination-service.ts';
import type { Metrics, Sample } from './metrics.ts';

/** Names of the destination metrics. */
export const DESTINATION_METRIC = {
  deliveries: 'liveseg_destination_deliveries_total',
  seconds: 'liveseg_destination_delivery_seconds',
  retrying: 'liveseg_destination_retrying',
  backlog: 'liveseg_destination_backlog',
} as const;

/** Entries by outcome: delivered, retried (a failed try scheduled again) and failed (given up on). */
export function deliverySamples(all: DestinationFigures[]): Sample[] {
  return all.flatMap(({ destination: { id }, stats: s }) => [
    { labels: { destination: id, outcome: 'delivered' }, value: s.delivered },
    { labels: { destination: id, outcome: 'retried' }, value: Math.max(0, s.attempts.error - s.failed) },
    { labels: { destination: id, outcome: 'failed' }, value: s.failed },
  ]);
}

/** The latency histogram of every attempt, in seconds, cumulative as Prometheus wants it. */
export function latencySamples(all: DestinationFigures[]): Sample[] {
  return all.flatMap(({ destination: { id }, stats: s }): Sample[] => {
    let sum = 0;
    const buckets = LATENCY_BUCKETS_MS.map((ms, i) => {
      sum += s.latency[i] ?? 0;
      return { suffix: '_bucket', labels: { destination: id, le: ms / 1000 }, value: sum };
    });
    const count = s.latency.reduce((a, b) => a + b, 0);
    return [
      ...buckets,
      { suffix: '_bucket', labels: { destination: id, le: '+Inf' }, value: count },
      { suffix: '_sum', labels: { destination: id }, value: s.latencySumMs / 1000 },
      { suffix: '_count', labels: { destination: id }, value: count },
    ];
  });
}

/**
 * Registers the destination metrics. They are read from NATS (the stats every deliverer writes,
 * and the delivery consumers' state), so any gateway shows the totals of every worker.
 */
export function registerDestinationMetrics(m: Metrics, figures: () => Promise<DestinationFigures[]>): void {
  const read = (f: (all: DestinationFigures[]) => Sample[]) => async () => f(await figures().catch(() => []));
  m.collected(
    DESTINATION_METRIC.deliveries,
    'Entries by destination and outcome (delivered, retried, failed), cached 5 s',
    'counter',
    read(deliverySamples),
  );
  m.collected(DESTINATION_METRIC.seconds, 'Time of delivery attempts by destination, cached 5 s', 'histogram', read(latencySamples));
  m.collected(
    DESTINATION_METRIC.retrying,
    'Entries that failed at least once and wait for their next try, by destination, cached 5 s',
    'gauge',
    read((all) => all.map((f) => ({ labels: { destination: f.destination.id }, value: f.stats.retrying }))),
  );
  m.collected(
    DESTINATION_METRIC.backlog,
    'Retry backlog: entries not yet handed out (pending) and handed out but unacknowledged (ack_pending, retries among them), cached 5 s',
    'gauge',
    read((all) =>
      all.flatMap((f) => [
        { labels: { destination: f.destination.id, state: 'pending' }, value: f.backlog.pending },
        { labels: { destination: f.destination.id, state: 'ack_pending' }, value: f.backlog.ackPending },
      ]),
    ),
  );
}
