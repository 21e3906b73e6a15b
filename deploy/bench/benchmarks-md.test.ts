import { describe, expect, it } from 'vitest';
import { renderSection, replaceSection, sectionKey } from './benchmarks-md.ts';
import type { SuiteResult } from './suite-result.ts';

const result: SuiteResult = {
  mode: 'quick',
  command: 'npm run bench -- --quick',
  started_at: '2025-03-01T10:20:30.456Z',
  duration_s: 155,
  machine: { cpus: 2, cpu_model: 'Test CPU', mem_gb: 8, node: 'v20.19.0', nats_server: 'v2.11.0' },
  raw_publish_per_s: 100_000,
  raw_consume_per_s: 200_000,
  http_ingest_per_s: 85_000,
  producer_ingest_per_s: 95_000,
  ingest_ratio: 0.85,
  producer_ratio: 0.95,
  process_ratio: 0.2,
  process_per_s_by_workers: [
    { workers: 1, per_s: 40_000 },
    { workers: 2, per_s: 76_000 },
  ],
  scaling_ratio: 1.9,
  e2e_offered_per_s: 5000,
  e2e_p50_ms: 4.2,
  e2e_p99_ms: 31.7,
  e2e_entries: 12_345,
  e2e_series: [{ t_s: 1, p50_ms: 4, p99_ms: 30, events_per_s: 5000 }],
  timer_pending_windows: 200_000,
  timer_lateness_p50_ms: 40,
  timer_lateness_p99_ms: 120,
  rss_mb_per_million_users: 640,
  rss_users_measured: 200_000,
  throughput: [
    { label: 'HTTP ingest (batches of 500)', per_s: 85_000, raw_per_s: 100_000 },
    { label: '1 worker processing', per_s: 40_000, raw_per_s: 200_000 },
  ],
  targets: [
    { metric: 'ingest_ratio', target: '≥ 0.8', value: 0.85, met: true },
    { metric: 'process_ratio', target: '≥ 0.3', value: 0.2, met: false },
  ],
};

const section = (mode: 'quick' | 'full', body: string) => `<!-- bench:${mode}:start -->\n${body}\n<!-- bench:${mode}:end -->`;

describe('replaceSection', () => {
  it('adds the marked section to an empty doc', () => {
    expect(replaceSection('', 'quick', '## Quick run\n')).toBe(`${section('quick', '## Quick run')}\n`);
  });

  it('appends the section after the text of a new doc', () => {
    const doc = replaceSection('# liveseg benchmarks\n\nIntro.\n', 'full', '## Full run');
    expect(doc).toBe(`# liveseg benchmarks\n\nIntro.\n\n${section('full', '## Full run')}\n`);
  });

  it('replaces only the same mode, keeping the other mode and the text around them', () => {
    const doc = `# Title\n\nIntro.\n\n${section('full', 'old full')}\n\nBetween.\n\n${section('quick', 'old quick')}\n\nFooter.\n`;
    const next = replaceSection(doc, 'quick', 'new quick');
    expect(next).toBe(`# Title\n\nIntro.\n\n${section('full', 'old full')}\n\nBetween.\n\n${section('quick', 'new quick')}\n\nFooter.\n`);
    expect(replaceSection(next, 'quick', 'new quick')).toBe(next);
  });

  it('puts a new full section before an existing quick one', () => {
    const doc = replaceSection(`# Title\n\n${section('quick', 'q')}\n`, 'full', 'f');
    expect(doc).toBe(`# Title\n\n${section('full', 'f')}\n\n${section('quick', 'q')}\n`);
  });
});

describe('sectionKey', () => {
  it('names the section and results file by mode and server version', () => {
    expect(sectionKey(result)).toBe('quick-nats-2.11');
    expect(sectionKey({ mode: 'full', machine: { ...result.machine, nats_server: 'v2.9.10' } })).toBe('full-nats-2.9');
  });

  it('puts a new quick run right after the runs already there, before the text that follows them', () => {
    const doc = replaceSection(`# Title\n\n${section('quick', 'q')}\n\n## Notes\n`, 'quick-nats-2.15', 'q2');
    expect(doc).toBe(
      `# Title\n\n${section('quick', 'q')}\n\n<!-- bench:quick-nats-2.15:start -->\nq2\n<!-- bench:quick-nats-2.15:end -->\n\n## Notes\n`,
    );
  });

  it('puts a full run of any server before the quick runs', () => {
    const doc = replaceSection(`# Title\n\n${section('quick', 'q')}\n`, 'full-nats-2.15', 'f');
    expect(doc.indexOf('bench:full-nats-2.15:start')).toBeLessThan(doc.indexOf('bench:quick:start'));
  });
});

describe('renderSection', () => {
  const md = renderSection(result, '../deploy/bench/results/quick.png', '../deploy/bench/results/quick.json');

  it('marks a missed target with ✗ and a met one with ✓', () => {
    expect(md).toContain('| process_ratio | ≥ 0.3 | 0.2 | ✗ |');
    expect(md).toContain('| ingest_ratio | ≥ 0.8 | 0.85 | ✓ |');
  });

  it('shows the command, the chart, the ratios and the JSON link', () => {
    expect(md).toMatch(/^## Quick run, nats-server 2\.11\.0\n\n```sh\nnpm run bench -- --quick\n```/);
    expect(md).toContain('2025-03-01 10:20:30 UTC, took 2 min 35 s');
    expect(md).toContain('](../deploy/bench/results/quick.png)');
    expect(md).toContain('| HTTP ingest (batches of 500) | 85,000 | 100,000 | 0.85 |');
    expect(md).toContain('p99 31.7 ms over 12,345 entries');
    expect(md).toContain('with 200,000 windows pending');
    expect(md).toContain('[../deploy/bench/results/quick.json](../deploy/bench/results/quick.json)');
  });
});
