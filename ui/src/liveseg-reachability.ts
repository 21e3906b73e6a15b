/** `<liveseg-reachability>`: share of a segment's users reachable on each channel, as bars. */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Report } from './api/index.ts';
import { CHANNEL_COLORS, CHANNEL_LABELS, CHANNELS } from './lib/channels.ts';
import { formatNumber, formatPercent } from './lib/format.ts';
import { icons } from './lib/icons.ts';
import { emptyState, loadingState } from './lib/states.ts';
import { base, tokens } from './styles/theme.ts';

@customElement('liveseg-reachability')
export class LivesegReachability extends LitElement {
  /** The report's `reachability`. */
  @property({ attribute: false }) reachability: Report['reachability'] | undefined;

  static override styles = [
    tokens,
    base,
    css`
    :host { display: block; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 14px; }
    .top { display: flex; justify-content: space-between; align-items: center; gap: 8px; margin-bottom: 6px; }
    .name { display: inline-flex; gap: 8px; align-items: center; font-weight: 550; }
    .name svg { width: 16px; height: 16px; color: var(--c); }
    .value { font-variant-numeric: tabular-nums; font-size: 13px; color: var(--_muted); }
    .value strong { color: var(--_text); font-weight: 650; margin-right: 6px; }
    .track { height: 8px; border-radius: 999px; background: #eef0f3; overflow: hidden; }
    .bar { height: 100%; border-radius: 999px; background: var(--c); transition: width 0.5s ease; min-width: 0; }
    .foot { margin-top: 14px; font-size: 12.5px; color: var(--_muted); }
  `,
  ];

  override render() {
    const r = this.reachability;
    if (!r) return loadingState(5, 'Loading reachability…');
    if (r.total === 0) {
      return emptyState({
        icon: 'users',
        compact: true,
        title: 'No members yet',
        body: 'Reachability appears once users enter the segment.',
      });
    }
    return html`<ul>
      ${CHANNELS.map((c) => {
        const reachable = r.channels[c]?.reachable ?? 0;
        const pct = Math.min(100, (reachable / r.total) * 100);
        const text = formatPercent(reachable, r.total);
        return html`<li style="--c:${CHANNEL_COLORS[c]}" data-channel=${c}>
          <div class="top">
            <span class="name">${icons[c]}${CHANNEL_LABELS[c]}</span>
            <span class="value"><strong>${text}</strong>${formatNumber(reachable)}</span>
          </div>
          <div class="track" role="meter" aria-label=${`${CHANNEL_LABELS[c]} reachability`} aria-valuemin="0" aria-valuemax="100"
            aria-valuenow=${Math.round(pct)} aria-valuetext=${`${text}, ${formatNumber(reachable)} of ${formatNumber(r.total)} users`}>
            <div class="bar" style="width:${pct}%"></div>
          </div>
        </li>`;
      })}
    </ul>
    <p class="foot">Of ${formatNumber(r.total)} ${r.total === 1 ? 'member' : 'members'}, by their profile and unsubscribes.</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveseg-reachability': LivesegReachability;
  }
}
