/** `<liveseg-user-lookup>`: find a user by id and see their profile, reach, segments and pending windows. */
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { reachOf } from '../../actors/definition/index.ts';
import { isApiError, type UserView } from './api/index.ts';
import { ClockController } from './controllers/clock-controller.ts';
import { ResourceController } from './controllers/resource-controller.ts';
import { ApiElement } from './lib/api-element.ts';
import { CHANNEL_LABELS, channelBadges, channelStyles, reachableChannels } from './lib/channels.ts';
import { formatDateTime, formatRelative } from './lib/format.ts';
import { icons } from './lib/icons.ts';
import { emptyState, errorState, loadingState } from './lib/states.ts';
import { base, tokens } from './styles/theme.ts';

const reachText = (reach: Parameters<typeof reachableChannels>[0]): string => {
  const on = reachableChannels(reach);
  return on.length ? `Reachable by ${on.map((c) => CHANNEL_LABELS[c]).join(', ')}` : 'Not reachable on any channel';
};

/**
 * User lookup. Submitting the form fires `liveseg-user` (detail: { userId }); unless a listener
 * calls preventDefault(), it opens `#/users/<id>`.
 */
@customElement('liveseg-user-lookup')
export class LivesegUserLookup extends ApiElement {
  /** The user to show. */
  @property({ attribute: 'user-id' }) userId = '';
  @state() private draft: string | undefined;

  private readonly user = new ResourceController<UserView>(this, {
    key: () => (this.userId ? [this.api.apiBase, this.api.apiKey, this.userId] : undefined),
    load: (signal) => this.api.user(this.userId, signal),
  });
  private readonly clock = new ClockController(this, 10_000);

  static override styles = [
    tokens,
    base,
    channelStyles,
    css`
    :host { display: block; container-type: inline-size; }
    header { margin-bottom: 18px; }
    header p { margin-top: 4px; }
    form { display: flex; gap: 8px; max-width: 560px; margin-bottom: 20px; }
    form input { flex: 1; }
    .grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; align-items: start; }
    .reach { display: grid; justify-items: end; gap: 4px; font-size: 12.5px; color: var(--_muted); }
    @container (max-width: 820px) { .grid { grid-template-columns: minmax(0, 1fr); } }
    .who { display: flex; align-items: center; gap: 14px; padding: 18px; grid-column: 1 / -1; flex-wrap: wrap; }
    .who .avatar { width: 44px; height: 44px; border-radius: 50%; display: grid; place-items: center; background: var(--_accent-soft);
      color: var(--_accent); }
    .who .avatar svg { width: 22px; height: 22px; }
    .who h2 { font-size: 18px; word-break: break-all; }
    .who .grow { flex: 1; min-width: 200px; }
    dl { display: grid; grid-template-columns: minmax(100px, max-content) minmax(0, 1fr); gap: 8px 16px; margin: 0; font-size: 13.5px; }
    dt { color: var(--_muted); font-family: var(--_mono); font-size: 12.5px; padding-top: 1px; }
    dd { margin: 0; word-break: break-word; }
    ul.list { list-style: none; margin: 0; padding: 0; }
    ul.list li { display: flex; justify-content: space-between; gap: 12px; padding: 9px 0; border-bottom: 1px solid var(--_border); }
    ul.list li:last-child { border-bottom: 0; }
    time { color: var(--_muted); font-size: 12.5px; white-space: nowrap; }
    .stack { display: grid; gap: 16px; align-content: start; }
    details.raw { grid-column: 1 / -1; padding: 14px 18px; }
    summary { cursor: pointer; color: var(--_muted); font-size: 13px; }
    pre { background: #0f172a; color: #e2e8f0; padding: 12px; border-radius: 8px; overflow: auto; font-size: 12px;
      font-family: var(--_mono); }
  `,
  ];

  override render() {
    return html`<header><h1>User lookup</h1>
      <p class="muted">Profile, reachable channels, segments entered and windows still pending.</p></header>
      <form role="search" @submit=${this.onSubmit}>
        <label for="uid" class="sr-only">User ID</label>
        <input id="uid" name="userId" .value=${this.draft ?? this.userId} placeholder="User ID, e.g. u-42 or maya.patel@example.com"
          autocomplete="off" @input=${(e: Event) => {
            this.draft = (e.target as HTMLInputElement).value;
          }} />
        <button class="btn primary" type="submit">${icons.search}Look up</button>
      </form>
      ${this.renderResult()}`;
  }

  private renderResult() {
    const { status, value, error } = this.user;
    if (!this.userId)
      return html`<div class="card">${emptyState({
        icon: 'user',
        title: 'Look up a user',
        body: 'Enter a user ID to see what liveseg knows about them.',
      })}</div>`;
    if (status === 'error') {
      if (isApiError(error) && error.status === 404) {
        return html`<div class="card">${emptyState({
          icon: 'search',
          title: `No user “${this.userId}”`,
          body: 'liveseg has not seen an event or profile for this ID.',
        })}</div>`;
      }
      return html`<div class="card">${errorState(error, () => void this.user.reload(), 'Could not load this user')}</div>`;
    }
    if (status === 'loading' || !value) return html`<div class="card" style="padding:0 18px">${loadingState(5, 'Loading user…')}</div>`;
    return this.renderUser(value);
  }

  private renderUser(u: UserView) {
    const profile = u.profile;
    const reach = u.reach ?? reachOf({ unsubscribed: profile?.unsubscribed ?? [], props: profile?.props ?? {} });
    const props = Object.entries(profile?.props ?? {});
    const now = this.clock.now;
    return html`<div class="grid">
      <section class="card who" aria-label="User">
        <span class="avatar">${icons.user}</span>
        <div class="grow"><h2>${u.userId}</h2>
          <p class="muted">${profile?.timezone ? `Time zone ${profile.timezone}` : 'No time zone (UTC)'}${
            profile?.unsubscribed?.length ? ` · unsubscribed from ${profile.unsubscribed.join(', ')}` : ''
          }</p></div>
        <div class="reach">${channelBadges(reach)}<span aria-hidden="true">${reachText(reach)}</span></div>
      </section>
      <section class="card" aria-labelledby="profile-title">
        <div class="card-head"><h2 id="profile-title">Profile</h2></div>
        <div class="card-body">${
          props.length
            ? html`<dl>${props.map(([k, v]) => html`<dt>${k}</dt><dd>${typeof v === 'string' ? v : JSON.stringify(v)}</dd>`)}</dl>`
            : emptyState({ compact: true, title: 'No profile properties' })
        }</div>
      </section>
      <div class="stack">
        <section class="card" aria-labelledby="entered-title">
          <div class="card-head"><h2 id="entered-title">Segments entered</h2></div>
          <div class="card-body">${
            u.segments?.length
              ? html`<ul class="list">${u.segments.map(
                  (s) => html`<li>
            <span>${
              s.name
                ? html`<a href=${`#/segments/${encodeURIComponent(s.segmentId)}`}>${s.name}</a>`
                : html`<span class="mono">${s.segmentId}</span> <span class="faint">(deleted)</span>`
            }
              ${s.entries > 1 ? html`<span class="muted"> · ${s.entries} entries</span>` : nothing}</span>
            ${
              s.lastEntryAt
                ? html`<time datetime=${new Date(s.lastEntryAt).toISOString()}
                  title=${formatDateTime(s.lastEntryAt)}>${formatRelative(s.lastEntryAt, now)}</time>`
                : nothing
            }
          </li>`,
                )}</ul>`
              : emptyState({ compact: true, title: 'Not in any segment yet' })
          }</div>
        </section>
        <section class="card" aria-labelledby="pending-title">
          <div class="card-head"><h2 id="pending-title">Pending windows</h2></div>
          <div class="card-body">${
            u.pending?.length
              ? html`<ul class="list">${u.pending.map(
                  (p) => html`<li>
            <span>${p.name ?? html`<span class="mono">${p.segmentId}</span>`}</span>
            <time datetime=${new Date(p.deadline).toISOString()}
              title=${formatDateTime(p.deadline)}>qualifies ${formatRelative(p.deadline, now)} unless cancelled</time>
          </li>`,
                )}</ul>`
              : emptyState({ compact: true, title: 'No pending windows' })
          }</div>
        </section>
      </div>
      <details class="card raw"><summary>Raw JSON</summary><pre>${JSON.stringify(u, null, 2)}</pre></details>
    </div>`;
  }

  private onSubmit(e: Event) {
    e.preventDefault();
    const userId = (this.draft ?? this.userId).trim();
    if (!userId) return;
    this.draft = undefined;
    const ev = new CustomEvent('liveseg-user', { detail: { userId }, bubbles: true, composed: true, cancelable: true });
    if (this.dispatchEvent(ev)) location.hash = `#/users/${encodeURIComponent(userId)}`;
    this.userId = userId;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveseg-user-lookup': LivesegUserLookup;
  }
}
