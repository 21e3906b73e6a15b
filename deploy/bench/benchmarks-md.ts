/**
 * docs/benchmarks.md: one section per suite mode and nats-server version (`quick-nats-2.15`),
 * rewritten in place between comment markers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SuiteResult } from './suite-result.ts';

/** The section (and results file) of a run: its mode and the server's major.minor version. */
export function sectionKey(r: Pick<SuiteResult, 'mode' | 'machine'>): string {
  const version = /(\d+\.\d+)/.exec(r.machine.nats_server)?.[1] ?? 'unknown';
  return `${r.mode}-nats-${version}`;
}

const INTRO = `# liveseg benchmarks

Every throughput below is measured beside raw NATS on the same machine in the same run (a fresh
nats-server per phase), and is reported as a ratio to it, so results from different machines compare
by ratio rather than by absolute rate. The sections between the \`bench:\` comment markers are
rewritten by \`npm run bench\`; edit outside them.
`;

const start = (key: string) => `<!-- bench:${key}:start -->`;
const end = (key: string) => `<!-- bench:${key}:end -->`;

/** Writes `result` as its mode's section of `opts.file`, creating the file with an intro if needed. */
export function writeBenchmarks(result: SuiteResult, opts: { file: string; pngRelPath: string; jsonRelPath: string }): void {
  const doc = existsSync(opts.file) ? readFileSync(opts.file, 'utf8') : INTRO;
  writeFileSync(opts.file, replaceSection(doc, sectionKey(result), renderSection(result, opts.pngRelPath, opts.jsonRelPath)));
}

/** `doc` with `key`'s marked section set to `section` (markers added here); everything else is kept. */
export function replaceSection(doc: string, key: string, section: string): string {
  const block = `${start(key)}\n${section.trim()}\n${end(key)}`;
  const from = doc.indexOf(start(key));
  const to = doc.indexOf(end(key), from);
  if (from >= 0 && to >= 0) return doc.slice(0, from) + block + doc.slice(to + end(key).length);
  // Full runs read first when both kinds exist, whichever was written first.
  const quick = key.startsWith('full') ? doc.indexOf('<!-- bench:quick') : -1;
  if (quick >= 0) return `${doc.slice(0, quick)}${block}\n\n${doc.slice(quick)}`;
  // Otherwise right after the last run already there, so the runs stay together.
  const last = doc.lastIndexOf(':end -->');
  if (last >= 0) {
    const at = last + ':end -->'.length;
    return `${doc.slice(0, at)}\n\n${block}${doc.slice(at)}`;
  }
  const head = doc.trimEnd();
  return `${head}${head ? '\n\n' : ''}${block}\n`;
}

/** The markdown for one run: command, machine, chart, targets, throughputs, latency and memory. */
export function renderSection(r: SuiteResult, pngRelPath: string, jsonRelPath: string): string {
  const m = r.machine;
  const title = `${r.mode === 'full' ? 'Full run' : 'Quick run'}, nats-server ${r.machine.nats_server.replace(/^v/, '')}`;
  const lines = [
    `## ${title}`,
    '',
    '```sh',
    r.command,
    '```',
    '',
    `Run on ${when(r.started_at)}, took ${duration(r.duration_s)}, on ${m.cpus} × ${m.cpu_model} with ${m.mem_gb} GB RAM,` +
      ` Node ${m.node}, nats-server ${m.nats_server}.`,
    '',
    `![${title}: throughput beside raw NATS, and end-to-end latency over time](${urlPath(pngRelPath)})`,
    '',
    '### Targets',
    '',
    table(
      ['metric', 'target', 'value', 'met'],
      r.targets.map((t) => [t.metric, t.target, num(t.value), t.met ? '✓' : '✗']),
    ),
    '',
    '### Throughput',
    '',
    table(
      ['', 'per second', 'raw NATS per second', 'ratio'],
      r.throughput.map((t) => [t.label, num(t.per_s, 0), num(t.raw_per_s, 0), t.raw_per_s > 0 ? (t.per_s / t.raw_per_s).toFixed(2) : '–']),
    ),
    '',
    `Two workers process ${r.scaling_ratio.toFixed(2)}× the rate of one.`,
    '',
    '### Latency, timers and memory',
    '',
    `- End-to-end latency (event \`ts\` to the entry stored on LIVESEG_ENTRIES) at ${num(r.e2e_offered_per_s, 0)} events/s offered:` +
      ` p50 ${num(r.e2e_p50_ms)} ms, p99 ${num(r.e2e_p99_ms)} ms over ${num(r.e2e_entries, 0)} entries.`,
    `- Timer lateness (entry stored minus window deadline) with ${num(r.timer_pending_windows, 0)} windows pending:` +
      ` p50 ${num(r.timer_lateness_p50_ms)} ms, p99 ${num(r.timer_lateness_p99_ms)} ms.`,
    `- Worker RSS: ${num(r.rss_mb_per_million_users, 0)} MB per million users with a pending window each` +
      ` (measured with ${num(r.rss_users_measured, 0)} users).`,
    '',
    `Every number of this run: [${jsonRelPath}](${urlPath(jsonRelPath)}).`,
  ];
  return lines.join('\n');
}

function table(head: string[], rows: string[][]): string {
  const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [row(head), `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map(row)].join('\n');
}

/** Thousands separators, and at most `digits` decimals so ratios keep their precision. */
function num(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) >= 100 ? 0 : digits });
}

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1 UTC');
}

function duration(s: number): string {
  const total = Math.round(s);
  return total < 60 ? `${total} s` : `${Math.floor(total / 60)} min ${total % 60} s`;
}

// Markdown links are URLs: forward slashes even where `path.relative` gave backslashes.
function urlPath(p: string): string {
  return p.replace(/\\/g, '/');
}
