/** `<liveseg-daily-chart>`: users entering per day (uPlot bars), from the first complete day after creation. */
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import uPlot from 'uplot';
import { ChartController } from './controllers/chart-controller.ts';
import { axis, chartStyles, showLatestInLegend } from './lib/chart-theme.ts';
import { dayToSeconds, formatDate, formatNumber } from './lib/format.ts';
import { base, tokens } from './styles/theme.ts';

const DAY_MS = 86_400_000;

/** The first complete UTC day after `createdAt` (the report's `daily` starts there). */
export const firstCompleteDay = (createdAt: number): number => (Math.floor(createdAt / DAY_MS) + 1) * DAY_MS;

@customElement('liveseg-daily-chart')
export class LivesegDailyChart extends LitElement {
  /** Entries per UTC day, oldest first (the report's `daily`). */
  @property({ attribute: false }) daily: Array<{ day: string; count: number }> = [];
  /** When the segment was created (ms); explains an empty chart. */
  @property({ type: Number, attribute: 'created-at' }) createdAt = 0;
  /** Chart height in pixels. */
  @property({ type: Number }) height = 220;

  private readonly chart = new ChartController(this, {
    container: () => this.renderRoot.querySelector<HTMLElement>('.plot'),
    options: (width) => ({
      width,
      height: this.height,
      legend: { show: true },
      hooks: { setCursor: [showLatestInLegend] },
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      scales: {
        // At least a week wide, with half a day of room on each side, so a few bars stay bar-sized
        // (and computed from the data: uPlot widens a single-point range to years).
        x: {
          time: true,
          range: (u) => {
            const xs = u.data[0];
            return [xs[0]! - 43_200, Math.max(xs[xs.length - 1]!, xs[0]! + 6 * 86_400) + 43_200];
          },
        },
        y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil((max ?? 0) * 1.15))] },
      },
      axes: [
        axis({
          incrs: [86_400, 2 * 86_400, 7 * 86_400, 14 * 86_400, 28 * 86_400],
          values: (_u, splits) =>
            splits.map((s) => new Date(s * 1000).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })),
        }),
        axis({ size: 48, values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? formatNumber(s) : '')) }),
      ],
      series: [
        {
          label: 'Day',
          value: (_u, v) =>
            v == null
              ? '—'
              : new Date(v * 1000).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }),
        },
        {
          label: 'Users entering',
          stroke: '#4f46e5',
          fill: 'rgba(79, 70, 229, 0.78)',
          width: 0,
          paths: uPlot.paths.bars!({ size: [0.62, 48], gap: 2 }),
          points: { show: false },
          value: (_u, v) => (v == null ? '—' : formatNumber(v)),
        },
      ],
    }),
  });

  static override styles = [
    tokens,
    base,
    chartStyles,
    css`
    :host { display: block; }
    .wrap { position: relative; }
    .plot { width: 100%; min-height: 40px; }
    .overlay { position: absolute; inset: 0 0 34px 48px; display: grid; place-content: center; gap: 4px; text-align: center;
      padding: 12px; color: var(--_muted); font-size: 13px; pointer-events: none; }
    .wrap.empty .u-legend { visibility: hidden; }
    .overlay strong { color: var(--_text); font-size: 14px; }
    .note { display: grid; gap: 4px; max-width: 330px; padding: 10px 14px; border-radius: 8px; background: rgba(255, 255, 255, 0.92); }
  `,
  ];

  override render() {
    const total = this.daily.reduce((n, d) => n + d.count, 0);
    const empty = this.daily.length === 0;
    const label = empty
      ? 'Users entering per day: no complete day yet'
      : `Users entering per day, ${this.daily.length} days, ${formatNumber(total)} in total; ` +
        `latest ${this.daily.at(-1)!.day}: ${formatNumber(this.daily.at(-1)!.count)}`;
    return html`
      <div class="wrap ${empty ? 'empty' : ''}">
        <div class="plot" role="img" aria-label=${label}></div>
        ${
          empty
            ? html`<div class="overlay" role="status"><div class="note"><strong>No complete day yet</strong>
          <span>${
            this.createdAt
              ? `Daily counts start with ${formatDate(firstCompleteDay(this.createdAt))} (UTC) and appear once that day is over.`
              : 'Daily counts appear once the first full day after creation is over.'
          }</span></div></div>`
            : nothing
        }
      </div>
      ${
        empty
          ? nothing
          : html`<table class="sr-only"><caption>Users entering per day</caption>
        <thead><tr><th scope="col">Day (UTC)</th><th scope="col">Users</th></tr></thead>
        <tbody>${this.daily.map((d) => html`<tr><td>${d.day}</td><td>${d.count}</td></tr>`)}</tbody></table>`
      }`;
  }

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has('daily') && !changed.has('createdAt')) return;
    if (this.daily.length > 0) {
      this.chart.setData([this.daily.map((d) => dayToSeconds(d.day)), this.daily.map((d) => d.count)]);
    } else {
      // Axes for the first week to come, so the chart is drawn (and explained) from day one.
      const first = (this.createdAt ? firstCompleteDay(this.createdAt) : firstCompleteDay(Date.now())) / 1000;
      const days = Array.from({ length: 7 }, (_, i) => first + i * 86_400);
      this.chart.setData([days, days.map(() => null)]);
    }
    if (this.chart.plot) showLatestInLegend(this.chart.plot);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveseg-daily-chart': LivesegDailyChart;
  }
}
