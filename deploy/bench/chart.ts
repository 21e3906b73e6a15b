/** The suite's chart: one PNG of throughput beside raw NATS and end-to-end latency over time. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../testing/chromium.ts';
import type { SuiteResult } from './suite-result.ts';

const WIDTH = 1200;
const HEIGHT = 700;

/** Renders `result` as a PNG of about 1200×700 at `pngPath`, drawn by uPlot in headless Chromium. */
export async function renderChart(result: SuiteResult, pngPath: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
    await page.setContent(chartHtml(result));
    // A string, not a function: tsx may wrap functions in helpers that do not exist in the page.
    await page.waitForFunction('window.done !== undefined', undefined, { timeout: 15_000 });
    const done = await page.evaluate('window.done');
    if (done !== true) throw new Error(`chart page failed: ${String(done)}`);
    await page.screenshot({ path: pngPath, fullPage: true });
  } finally {
    await browser.close();
  }
}

function chartHtml(r: SuiteResult): string {
  const dist = join(dirname(createRequire(import.meta.url).resolve('uplot/package.json')), 'dist');
  const js = readFileSync(join(dist, 'uPlot.iife.min.js'), 'utf8');
  const css = readFileSync(join(dist, 'uPlot.min.css'), 'utf8');
  // `</script>` inside the JSON would end the script element early.
  const data = JSON.stringify(r).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}${PAGE_CSS}</style></head><body>
${header(r)}<div id="tp"></div><div id="lat"></div>
<script>${js}</script><script>const R = ${data};${PAGE_SCRIPT}</script></body></html>`;
}

function header(r: SuiteResult): string {
  const m = r.machine;
  const chip = (prefix: string, name: string, value: string) => {
    const t = r.targets.find((x) => x.metric.startsWith(prefix));
    const ok = t?.met;
    const cls = ok === undefined ? '' : ok ? 'ok' : 'miss';
    const mark = ok === undefined ? '' : ok ? '✓ ' : '✗ ';
    return `<span class="chip ${cls}">${mark}${esc(name)} <b>${esc(value)}</b>${t ? ` <i>${esc(t.target)}</i>` : ''}</span>`;
  };
  const when = r.started_at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
  return `<header>
<h1>liveseg benchmarks — ${esc(r.mode)} run
<small>${esc(when)} · ${Math.round(r.duration_s)} s · <code>${esc(r.command)}</code></small></h1>
<p class="machine">${m.cpus} × ${esc(m.cpu_model)} · ${m.mem_gb} GB RAM · Node ${esc(m.node)} · nats-server ${esc(m.nats_server)}</p>
<p>${[
    chip('ingest_ratio', 'ingest ratio', r.ingest_ratio.toFixed(2)),
    chip('process_ratio', 'process ratio', r.process_ratio.toFixed(2)),
    chip('e2e_p99_ms', 'e2e p99', `${r.e2e_p99_ms.toFixed(1)} ms`),
    chip('timer_lateness_p99_ms', 'timer lateness p99', `${r.timer_lateness_p99_ms.toFixed(0)} ms`),
    chip('rss_mb_per_million_users', 'RSS per million users', `${r.rss_mb_per_million_users.toFixed(0)} MB`),
  ].join(' ')}</p></header>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

const PAGE_CSS = `
body { margin: 0; padding: 8px 12px; width: ${WIDTH - 24}px; font: 13px 'DejaVu Sans', sans-serif; color: #111; background: #fff; }
header h1 { font-size: 18px; margin: 0 0 4px; } header h1 small { font-size: 12px; font-weight: normal; color: #555; }
header p { margin: 3px 0; } .machine { color: #444; font-size: 12px; }
.chip { display: inline-block; padding: 2px 8px; margin-right: 4px; border-radius: 10px; background: #eef0f3; }
.chip i { color: #666; font-size: 11px; font-style: normal; } .chip.ok { background: #dcfce7; } .chip.miss { background: #fee2e2; }
.u-title { font-size: 14px; } .u-legend { font-size: 12px; }`;

// Plain JS run in the page; it sets window.done to true, or to the error if drawing failed.
const PAGE_SCRIPT = `
try {
  const W = ${WIDTH - 24};
  const n = R.throughput.length;
  const si = (v) => v >= 1e6 ? (v / 1e6).toFixed(2) + 'M' : v >= 1e3 ? (v / 1e3).toFixed(v >= 1e5 ? 0 : 1) + 'k' : String(Math.round(v));
  const bar = (align) => uPlot.paths.bars({ size: [0.36, 140], align });
  // uPlot has no labels on bars; write each rate above its bar so the PNG reads without hovering.
  const barLabels = (u) => {
    const ctx = u.ctx, colW = u.bbox.width / n;
    ctx.save(); ctx.font = '12px DejaVu Sans, sans-serif'; ctx.fillStyle = '#222'; ctx.textAlign = 'center';
    for (let s = 1; s <= 2; s++) for (let i = 0; i < n; i++) {
      const v = u.data[s][i];
      const x = u.valToPos(i, 'x', true) + (s === 1 ? -1 : 1) * Math.min(colW * 0.36, 140) / 2;
      ctx.fillText(si(v) + '/s', x, u.valToPos(v, 'y', true) - 4);
    }
    ctx.restore();
  };
  new uPlot({
    title: 'Throughput: liveseg beside raw NATS (same machine, same run)', width: W, height: 262,
    legend: { live: false }, cursor: { show: false },
    scales: { x: { time: false, range: [-0.5, n - 0.5] }, y: { range: (u, lo, hi) => [0, hi * 1.15] } },
    axes: [
      { grid: { show: false }, splits: () => R.throughput.map((_, i) => i), size: 44, gap: 4,
        values: (u, vals) => vals.map((i) => {
          const t = R.throughput[i];
          return t ? t.label + '\\n' + (t.raw_per_s > 0 ? (t.per_s / t.raw_per_s).toFixed(2) + '× raw NATS' : 'no raw NATS rate') : '';
        }) },
      { values: (u, vals) => vals.map(si), size: 60, label: 'per second' },
    ],
    series: [{}, { label: 'liveseg', fill: '#3b82f6', stroke: '#2563eb', paths: bar(-1), points: { show: false } },
      { label: 'raw NATS', fill: '#cbd5e1', stroke: '#94a3b8', paths: bar(1), points: { show: false } }],
    hooks: { draw: [barLabels] },
  }, [R.throughput.map((_, i) => i), R.throughput.map((t) => t.per_s), R.throughput.map((t) => t.raw_per_s)],
    document.getElementById('tp'));
  const s = R.e2e_series;
  new uPlot({
    title: 'End-to-end latency at ' + R.e2e_offered_per_s + ' events/s offered (event ts → entry stored)' +
      (s.length ? '' : ': no samples'), width: W, height: 258,
    legend: { live: false }, cursor: { show: false },
    scales: { x: { time: false }, y: { range: (u, lo, hi) => [0, Math.max(hi, 55) * 1.05] } },
    axes: [{ label: 'seconds into the run', size: 40, labelSize: 18 },
      { label: 'ms', size: 60, values: (u, v) => v.map((x) => x + ' ms') }],
    series: [{},
      { label: 'p50', stroke: '#16a34a', width: 2, points: { size: 4 } },
      { label: 'p99', stroke: '#dc2626', width: 2, points: { size: 4 } },
      { label: 'target p99 ≤ 50 ms', stroke: '#6b7280', width: 1.5, dash: [8, 5], points: { show: false } }],
  }, [s.map((p) => p.t_s), s.map((p) => p.p50_ms), s.map((p) => p.p99_ms), s.map(() => 50)], document.getElementById('lat'));
  window.done = true;
} catch (e) { window.done = String(e && e.stack || e); }`;
