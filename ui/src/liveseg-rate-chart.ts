/** `<liveseg-rate-chart>`: live rate of users entering vs all user activity (uPlot lines, last 15 minutes). */
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RateSample } from './api/index.ts';
import { ChartController } from './controllers/chart-controller.ts';
import { axis, chartStyles, showLatestInLegend, timeTicks } from './lib/chart-theme.ts';
import { formatNumber, formatTime } from './lib/format.ts';
import { emptyState } from './lib/states.ts';
import { base, tokens } from './styles/theme.ts';

/** How much history the chart keeps. */
export const RATE_WINDOW_MS = 15 * 60_000;
/**
 * Whole-second steps for the time axis: uPlot would otherwise split a short span into half
 * seconds, and second-resolution labels then repeat ("5:50:31 AM" twice).
 */
export const TIME_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** A live sample (one second) or a point of the history (`span` seconds, per-second averages). */
export type ChartSample = RateSample & { span?: number };

/** Keeps the samples of the last `windowMs` before the newest, in time order, one per second. */
export function appendRate<S extends ChartSample>(list: readonly S[], s: S, windowMs = RATE_WINDOW_MS): S[] {
  const last = list.at(-1);
  const next = last && s.t <= last.t ? [...list.filter((x) => x.t < s.t), s].sort((a, b) => a.t - b.t) : [...list, s];
  const from = s.t - windowMs;
  const i = next.findIndex((x) => x.t >= from);
  return i <= 0 ? next : next.slice(i);
}

/**
 * Puts the rate history (sent when the live stream opens, again after a reconnect) before the
 * live samples: it replaces earlier history and covers only the time before the first live sample.
 */
export function withHistory(list: readonly ChartSample[], history: readonly ChartSample[], windowMs = RATE_WINDOW_MS): ChartSample[] {
  const live = list.filter((x) => x.span === undefined);
  const firstLive = live[0]?.t ?? Number.POSITIVE_INFINITY;
  const merged = [...history.filter((h) => h.t < firstLive), ...live].sort((a, b) => a.t - b.t);
  const newest = merged.at(-1);
  return newest ? merged.filter((x) => x.t >= newest.t - windowMs) : merged;
}

/** Users who entered over the samples (history points count their whole span). */
const enteredOf = (samples: readonly ChartSample[]) => Math.round(samples.reduce((n, s) => n + s.entries * (s.span ?? 1), 0));

const COLORS = { entries: '#4f46e5', activeUsers: '#0ea5e9', events: '#98a2b3' };

@customElement('liveseg-rate-chart')
export class LivesegRateChart extends LitElement {
  /** Rate samples, oldest first: the history the live stream opens with, then one per second (SSE `rate`). */
  @property({ attribute: false }) samples: ChartSample[] = [];
  /** Chart height in pixels. */
  @property({ type: Number }) height = 220;

  private readonly chart = new ChartController(this, {
    container: () => this.renderRoot.querySelector<HTMLElement>('.plot'),
    options: (width) => ({
      width,
      height: this.height,
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        y: { range: (_u, _min, max) => [0, Math.max(2, Math.ceil(max * 1.2))] },
        activity: { range: (_u, _min, max) => [0, Math.max(5, Math.ceil(max * 1.2))] },
      },
      hooks: { setCursor: [showLatestInLegend] },
      axes: [
        axis({ values: timeTicks, space: 70, incrs: TIME_INCRS }),
        axis({
          scale: 'y',
          size: 40,
          label: 'Entering / s',
          labelSize: 18,
          labelFont: '12px system-ui, sans-serif',
          values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? formatNumber(s) : '')),
        }),
        axis({
          scale: 'activity',
          side: 1,
          size: 48,
          grid: { show: false },
          label: 'Activity / s',
          labelSize: 18,
          labelFont: '12px system-ui, sans-serif',
          values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? formatNumber(s) : '')),
        }),
      ],
      series: [
        { label: 'Time', value: (_u, v) => (v == null ? '—' : formatTime(v * 1000)) },
        {
          label: 'Users entering / s',
          scale: 'y',
          stroke: COLORS.entries,
          width: 2,
          fill: 'rgba(79, 70, 229, 0.10)',
          points: { show: false },
        },
        { label: 'Active users / s', scale: 'activity', stroke: COLORS.activeUsers, width: 1.5, points: { show: false } },
        { label: 'Events / s', scale: 'activity', stroke: COLORS.events, width: 1.25, dash: [4, 3], points: { show: false } },
      ],
    }),
  });

  static override styles = [
    tokens,
    base,
    chartStyles,
    css`
    :host { display: block; }
    .plot { width: 100%; min-height: 40px; }
  `,
  ];

  override render() {
    const waiting = this.samples.length < 2;
    const last = this.samples.at(-1);
    const entered = enteredOf(this.samples);
    const first = this.samples[0];
    const minutes = Math.max(1, Math.round(first && last ? (last.t - first.t) / 60_000 : 0));
    const label = last
      ? `Live rate over the last ${minutes} minute${minutes === 1 ? '' : 's'}: ${formatNumber(entered)} users entered; ` +
        `now ${last.entries} entering, ${last.activeUsers} active users and ${last.events} events per second`
      : 'Live rate: waiting for data';
    return html`
      ${
        waiting
          ? emptyState({
              icon: 'radio',
              compact: true,
              title: 'Waiting for live data…',
              body: 'The rate updates every second while this page is open.',
            })
          : nothing
      }
      <div class="plot" role="img" aria-label=${label} ?hidden=${waiting}></div>`;
  }

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has('samples')) return;
    this.dataset.samples = String(this.samples.length);
    this.dataset.entries = String(enteredOf(this.samples));
    this.dataset.history = String(this.samples.filter((s) => s.span !== undefined).length);
    if (this.samples.length < 2) return;
    const s = this.samples;
    this.chart.setData([s.map((x) => x.t / 1000), s.map((x) => x.entries), s.map((x) => x.activeUsers), s.map((x) => x.events)]);
    if (this.chart.plot) showLatestInLegend(this.chart.plot);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveseg-rate-chart': LivesegRateChart;
  }
}
