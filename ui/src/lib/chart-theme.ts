/** Shared uPlot look: axes, grid and fonts that match the rest of the UI. */
import { css, unsafeCSS } from 'lit';
import type uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** A calm axis: light grid, muted labels, no ticks. */
export function axis(extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    stroke: '#667085',
    font: FONT,
    grid: { stroke: '#eef0f3', width: 1 },
    ticks: { show: false },
    border: { show: false },
    ...extra,
  };
}

/**
 * Keeps the legend on the newest values while the pointer is not over the chart, so it reads
 * as a live summary ("Users entering 1 · Active users 15 · Events 20").
 */
export function showLatestInLegend(u: uPlot): void {
  if (u.cursor.idx == null && u.data[0].length > 0) u.setLegend({ idx: u.data[0].length - 1 });
}

/** Clock labels for a time axis: seconds when zoomed in, else hours and minutes. */
export function timeTicks(_u: uPlot, splits: number[], _axis: number, _space: number, incr: number): string[] {
  const opts: Intl.DateTimeFormatOptions =
    incr < 60 ? { hour: 'numeric', minute: '2-digit', second: '2-digit' } : { hour: 'numeric', minute: '2-digit' };
  return splits.map((s) => new Date(s * 1000).toLocaleTimeString('en-US', opts));
}

/** uPlot's own stylesheet plus overrides, for a chart inside a shadow root. */
export const chartStyles = [
  unsafeCSS(uplotCss),
  css`
  .uplot { font-family: inherit; }
  .uplot .u-legend { font-size: 12px; color: var(--_muted); text-align: left; padding: 6px 0 0; }
  .u-legend .u-marker { border-radius: 3px; }
  .u-legend th { font-weight: 500; }
  .u-legend .u-series > * { padding: 2px 6px; }
  .u-legend .u-series:first-child { display: none; }
  .u-legend .u-value { color: var(--_text); font-weight: 600; font-variant-numeric: tabular-nums; }
  .u-select { background: rgba(79, 70, 229, 0.07); }
`,
];
