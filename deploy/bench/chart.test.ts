import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderChart } from './chart.ts';
import type { SuiteResult } from './suite-result.ts';

const series = Array.from({ length: 30 }, (_, i) => ({
  t_s: i + 1,
  p50_ms: 4 + (i % 5) * 0.6,
  p99_ms: 22 + ((i * 7) % 11) * 2.5 + (i === 17 ? 40 : 0),
  events_per_s: 5000,
}));

const result: SuiteResult = {
  mode: 'full',
  command: 'npm run bench',
  started_at: '2025-03-01T10:20:30.456Z',
  duration_s: 612,
  machine: { cpus: 2, cpu_model: 'AMD EPYC 7B13', mem_gb: 7.8, node: 'v20.19.0', nats_server: 'v2.11.0' },
  raw_publish_per_s: 180_000,
  raw_consume_per_s: 420_000,
  http_ingest_per_s: 150_000,
  producer_ingest_per_s: 170_000,
  ingest_ratio: 0.83,
  producer_ratio: 0.94,
  process_ratio: 0.11,
  process_per_s_by_workers: [
    { workers: 1, per_s: 46_000 },
    { workers: 2, per_s: 84_000 },
  ],
  scaling_ratio: 1.83,
  e2e_offered_per_s: 5000,
  e2e_p50_ms: 5.1,
  e2e_p99_ms: 38.4,
  e2e_entries: 150_000,
  e2e_series: series,
  timer_pending_windows: 1_000_000,
  timer_lateness_p50_ms: 60,
  timer_lateness_p99_ms: 210,
  rss_mb_per_million_users: 710,
  rss_users_measured: 1_000_000,
  throughput: [
    { label: 'HTTP ingest (batches of 500)', per_s: 150_000, raw_per_s: 180_000 },
    { label: 'producer helper', per_s: 170_000, raw_per_s: 180_000 },
    { label: '1 worker processing', per_s: 46_000, raw_per_s: 420_000 },
    { label: '2 workers processing', per_s: 84_000, raw_per_s: 420_000 },
  ],
  targets: [
    { metric: 'ingest_ratio', target: '≥ 0.8', value: 0.83, met: true },
    { metric: 'process_ratio', target: '≥ 0.3', value: 0.11, met: false },
    { metric: 'e2e_p99_ms at 5000 events/s', target: '≤ 50', value: 38.4, met: true },
    { metric: 'timer_lateness_p99_ms with 1000000 pending', target: '≤ 250', value: 210, met: true },
    { metric: 'rss_mb_per_million_users', target: '≤ 1024', value: 710, met: true },
  ],
};

describe('renderChart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liveseg-chart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the result as a PNG in headless Chromium', async () => {
    const png = join(dir, 'full.png');
    await renderChart(result, png);
    const bytes = readFileSync(png);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(10 * 1024);
  });
});
