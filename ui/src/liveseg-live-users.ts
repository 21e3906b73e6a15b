/** `<liveseg-live-users>`: users trickling into a segment, newest first, with their reachable channels. */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { LiveEntry } from './api/index.ts';
import { ClockController } from './controllers/clock-controller.ts';
import type { LiveStatus } from './controllers/live-controller.ts';
import { channelBadges, channelStyles } from './lib/channels.ts';
import { formatDateTime, formatRelative } from './lib/format.ts';
import { icons } from './lib/icons.ts';
import { emptyState, loadingState } from './lib/states.ts';
import { base, tokens } from './styles/theme.ts';

/** Most users the list shows. */
export const MAX_LIVE_USERS = 50;

/** Adds an entry on top (newest first), ignoring exact repeats, keeping at most `max`. */
export function prependEntry(list: readonly LiveEntry[], e: LiveEntry, max = MAX_LIVE_USERS): LiveEntry[] {
  if (list.some((x) => x.userId === e.userId && x.at === e.at)) return list as LiveEntry[];
  return [e, ...list].sort((a, b) => b.at - a.at).slice(0, max);
}

const PALETTE = ['#4f46e5', '#0e7490', '#b54708', '#c11574', '#6941c6', '#067647', '#026aa2'];

function avatarColor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

/** "maya.patel7@x.com" → "MP", "admin" → "AD"; ids without a name ("u-1482") get none. */
export function initials(id: string): string {
  const words = id
    .replace(/@.*/, '')
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.replace(/\p{N}+/gu, ''))
    .filter((w) => w.length > 0);
  if (words.length >= 2) return (words[0]![0]! + words[1]![0]!).toUpperCase();
  return words.length === 1 && words[0]!.length >= 2 ? words[0]!.slice(0, 2).toUpperCase() : '';
}

@customElement('liveseg-live-users')
export class LivesegLiveUsers extends LitElement {
  /** Entries, newest first. */
  @property({ attribute: false }) entries: LiveEntry[] = [];
  /** State of the live stream, shown as a hint. */
  @property() status: LiveStatus = 'off';
  /** True until the first data arrives. */
  @property({ type: Boolean }) loading = false;
  /** Link to a user: `${userLinkBase}<userId>`; empty for plain text. */
  @property({ attribute: 'user-link-base' }) userLinkBase = '#/users/';

  private readonly clock = new ClockController(this, 5_000);

  static override styles = [
    tokens,
    base,
    channelStyles,
    css`
    :host { display: block; }
    ol { list-style: none; margin: 0; padding: 0; max-height: 360px; overflow: auto; }
    li { display: grid; grid-template-columns: 32px minmax(0, 1fr) auto; gap: 12px; align-items: center;
      padding: 9px 2px; border-bottom: 1px solid var(--_border); animation: enter 0.6s ease-out; }
    li:last-child { border-bottom: 0; }
    @keyframes enter { from { background: var(--_accent-soft); } to { background: transparent; } }
    .avatar { width: 32px; height: 32px; border-radius: 50%; display: grid; place-items: center;
      color: #fff; font-size: 12px; font-weight: 650; background: var(--c); }
    .avatar svg { width: 16px; height: 16px; }
    .who { min-width: 0; }
    .id { display: block; font-weight: 550; color: var(--_text); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    a.id:hover { color: var(--_accent); }
    time { font-size: 12px; color: var(--_muted); }
  `,
  ];

  override render() {
    if (this.entries.length === 0) {
      if (this.loading) return loadingState(4, 'Loading recent users…');
      return emptyState({
        icon: 'users',
        compact: true,
        title: 'No one has entered yet',
        body: this.status === 'live' ? 'Listening live: users appear here the moment they qualify.' : 'Users appear here as they qualify.',
      });
    }
    const now = Math.max(this.clock.now, Date.now());
    return html`<ol aria-label="Users who entered, newest first">
      ${repeat(
        this.entries,
        (e) => `${e.userId}\u0000${e.at}`,
        (e) => html`<li data-user-id=${e.userId}>
        <span class="avatar" style="--c:${avatarColor(e.userId)}" aria-hidden="true">${initials(e.userId) || icons.user}</span>
        <span class="who">
          ${
            this.userLinkBase
              ? html`<a class="id" href=${`${this.userLinkBase}${encodeURIComponent(e.userId)}`}>${e.userId}</a>`
              : html`<span class="id">${e.userId}</span>`
          }
          <time datetime=${new Date(e.at).toISOString()} title=${formatDateTime(e.at)}>${formatRelative(e.at, now)}</time>
        </span>
        ${channelBadges(e.reach)}
      </li>`,
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveseg-live-users': LivesegLiveUsers;
  }
}
