/** Messaging channels as people see them, and the badges that show a user's reachability. */
import { css, html, type TemplateResult } from 'lit';
import type { Channel, Reach } from '../../../actors/types.ts';
import { CHANNELS } from '../../../actors/types.ts';
import { icons } from './icons.ts';

/** Display names of the channels. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'Email',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  push: 'Mobile push',
  web_push: 'Web push',
};

/** Channel bar and badge colours. */
export const CHANNEL_COLORS: Record<Channel, string> = {
  email: '#4f46e5',
  sms: '#0e7490',
  whatsapp: '#15803d',
  push: '#c2410c',
  web_push: '#9333ea',
};

export { CHANNELS };

/** The channels a reach record allows, in contract order. */
export const reachableChannels = (reach: Partial<Reach> | undefined): Channel[] => CHANNELS.filter((c) => reach?.[c] === true);

/** Small icons of every reachable channel, with one accessible sentence for screen readers. */
export function channelBadges(reach: Partial<Reach> | undefined): TemplateResult {
  const on = reachableChannels(reach);
  const label = on.length === 0 ? 'Not reachable on any channel' : `Reachable by ${on.map((c) => CHANNEL_LABELS[c]).join(', ')}`;
  return html`<span class="channels" role="img" aria-label=${label} title=${label}>
    ${
      on.length === 0
        ? html`<span class="channel none">No channel</span>`
        : on.map((c) => html`<span class="channel" style="--c:${CHANNEL_COLORS[c]}">${icons[c]}</span>`)
    }
  </span>`;
}

/** Styles of `channelBadges`. */
export const channelStyles = css`
  .channels { display: inline-flex; gap: 4px; align-items: center; }
  .channel {
    display: inline-grid; place-items: center; width: 24px; height: 24px; border-radius: 6px;
    color: var(--c); background: color-mix(in srgb, var(--c) 10%, white);
  }
  .channel svg { width: 14px; height: 14px; }
  .channel.none { width: auto; padding: 0 8px; font-size: 12px; color: var(--_faint); background: var(--_surface-2); }
`;
