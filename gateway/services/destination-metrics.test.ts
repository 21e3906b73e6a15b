import { describe, expect, it } from 'vitest';
import { emptyStats, recordAttempt } from '../../actors/destinations/stats.ts';
import { deliverySamples, latencySamples, registerDestinationMetrics } from './destination-metrics.ts';
import type { DestinationFigures } from './destination-service.ts';
import { Metrics } from './metrics.ts';

const figures = (): DestinationFigures[] => {
  const stats = emptyStats();
  const at = { at: 1, attempt: 1, ok: true, status: 200 };
  recordAttempt(stats, { ...at, id: 'a', ms: 3, outcome: 'delivered' });
  recordAttempt(stats, { ...at, id: 'b', ms: 40, outcome: 'delivered' });
  recordAttempt(stats, { ...at, id: 'c', ms: 12_000, ok: false, status: undefined, error: 'timeout after 10000 ms', outcome: 'retrying' });
  recordAttempt(stats, { ...at, id: 'c', attempt: 2, ms: 20, outcome: 'delivered' });
  return [
    {
      destination: { id: 'dst_1', name: 'n', url: 'https://x', segments: ['sg_1'], createdAt: 1 },
      stats,
      backlog: { pending: 2, ackPending: 1 },
    },
  ];
};

describe('destination metrics', () => {
  it('counts entries by outcome and renders a cumulative latency histogram in seconds', async () => {
    expect(deliverySamples(figures())).toEqual([
      { labels: { destination: 'dst_1', outcome: 'delivered' }, value: 3 },
      { labels: { destination: 'dst_1', outcome: 'retried' }, value: 1 },
      { labels: { destination: 'dst_1', outcome: 'failed' }, value: 0 },
    ]);
    const h = latencySamples(figures());
    const bucket = (le: number | string) => h.find((s) => s.suffix === '_bucket' && s.labels?.le === le)?.value;
    expect([bucket(0.005), bucket(0.025), bucket(0.05), bucket(10), bucket('+Inf')]).toEqual([1, 2, 3, 3, 4]);
    expect(h.find((s) => s.suffix === '_count')?.value).toBe(4);
    expect(h.find((s) => s.suffix === '_sum')?.value).toBeCloseTo(12.063);

    const m = new Metrics();
    registerDestinationMetrics(m, async () => figures());
    const text = await m.render();
    expect(text).toContain('# TYPE liveseg_destination_delivery_seconds histogram');
    expect(text).toContain('liveseg_destination_delivery_seconds_bucket{destination="dst_1",le="0.005"} 1');
    expect(text).toContain('liveseg_destination_retrying{destination="dst_1"} 0');
    expect(text).toContain('liveseg_destination_backlog{destination="dst_1",state="ack_pending"} 1');
  });

  it('renders nothing, not an error, when NATS cannot be read', async () => {
    const m = new Metrics();
    registerDestinationMetrics(m, () => Promise.reject(new Error('NATS away')));
    expect(await m.render()).toContain('# TYPE liveseg_destination_deliveries_total counter');
  });
});
