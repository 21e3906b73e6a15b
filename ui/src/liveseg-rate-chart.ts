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

/** Keeps the samples of the last `windowMs` before the newest, in time order, one per second. */
export function appendRate(list: readonly RateSample[], s: RateSample, windowMs = RATE_WINDOW_MS): RateSample[] {
  const last = list.at(-1);
  const next = last && s.t <= last.t ? [...list.filter((x) => x.t < s.t), s].sort((a, b) => a.t - b.t) : [...list, s];
  const from = s.t - windowMs;
  const i = next.findIndex((x) => x.t >= from);
  return i <= 0 ? next : next.slice(i);
}

const COLORS = { entries: '#4f46e5', activeUsers: '#0ea5e9', events: '#98a2b3' };

@customElement('liveseg-rate-chart')
export class LivesegRateChart extends LitElement {
  /** Rate samples (one per second), oldest first; the report appends SSE `rate` events. */
  @property({ attribute: false }) samples: RateSample[] = [];
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
        axis({ values: timeTicks, space: 70 }),
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
    const entered = this.samples.reduce((n, s) => n + s.entries, 0);
    const minutes = Math.max(1, Math.round(this.samples.length / 60));
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
    this.dataset.entries = String(this.samples.reduce((n, s) => n + s.entries, 0));
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
