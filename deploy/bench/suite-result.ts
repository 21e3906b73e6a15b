/** What `npm run bench` measures: the last line it prints, the JSON file and the section of docs/benchmarks.md. */

/** One point of a throughput comparison: a rate and what it is a ratio to. */
export interface Throughput {
  label: string;
  per_s: number;
  /** The raw NATS rate this one is compared with (the same run, the same server). */
  raw_per_s: number;
}

/** The result of one suite run. */
export interface SuiteResult {
  mode: 'quick' | 'full';
  /** The exact command that produced it. */
  command: string;
  started_at: string;
  duration_s: number;
  machine: { cpus: number; cpu_model: string; mem_gb: number; node: string; nats_server: string };

  raw_publish_per_s: number;
  raw_consume_per_s: number;
  http_ingest_per_s: number;
  producer_ingest_per_s: number;
  /** HTTP ingest (batches of 500) over raw async publish. Target ≥ 0.8. */
  ingest_ratio: number;
  producer_ratio: number;
  /** One worker's processing rate over raw pull-consume. Target ≥ 0.3. */
  process_ratio: number;
  process_per_s_by_workers: Array<{ workers: number; per_s: number }>;
  /** Rate with two workers over the rate with one. */
  scaling_ratio: number;

  e2e_offered_per_s: number;
  /** Event `ts` to the entry stored on LIVESEG_ENTRIES. Target p99 ≤ 50 ms. */
  e2e_p50_ms: number;
  e2e_p99_ms: number;
  e2e_entries: number;
  /** Entry latency over time in the fixed-load run: one point per second. */
  e2e_series: Array<{ t_s: number; p50_ms: number; p99_ms: number; events_per_s: number }>;

  timer_pending_windows: number;
  /** Entry stored minus window deadline, while `timer_pending_windows` are pending. Target p99 ≤ 250 ms. */
  timer_lateness_p50_ms: number;
  timer_lateness_p99_ms: number;
  /** RSS of one worker holding one pending window per user, per million users. Target ≤ 1,024. */
  rss_mb_per_million_users: number;
  rss_users_measured: number;

  /** Every throughput, for the chart. */
  throughput: Throughput[];
  /** Targets and whether each was met. */
  targets: Array<{ metric: string; target: string; value: number; met: boolean }>;
}
