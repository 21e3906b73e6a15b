/** `<liveseg-do-more>`: act on a segment — export members, consume its entries, look up users, send to a webhook. */
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage, isAbort } from './api/index.ts';
import { ApiElement } from './lib/api-element.ts';
import { copyText, downloadText } from './lib/clipboard.ts';
import { exportMembersCsv, slug } from './lib/export-members.ts';
import { formatNumber } from './lib/format.ts';
import { icons } from './lib/icons.ts';
import { base, tokens } from './styles/theme.ts';
import './liveseg-destinations.ts';

type Export =
  | { state: 'idle' }
  | { state: 'running'; done: number; total: number }
  | { state: 'done'; count: number }
  | { state: 'error'; error: unknown };

@customElement('liveseg-do-more')
export class LivesegDoMore extends ApiElement {
  /** The segment to act on. */
  @property({ attribute: 'segment-id' }) segmentId = '';
  /** Its name, for the export's file name. */
  @property({ attribute: 'segment-name' }) segmentName = '';

  @state() private exporting: Export = { state: 'idle' };
  @state() private copied = '';
  private abort?: AbortController;
  private copiedTimer?: ReturnType<typeof setTimeout>;

  static override styles = [
    tokens,
    base,
    css`
    :host { display: block; container-type: inline-size; }
    .grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.7fr) minmax(0, 1fr); gap: 16px; }
    @container (max-width: 860px) { .grid { grid-template-columns: 1fr; } }
    .card { padding: 16px 18px; display: grid; gap: 10px; align-content: start; }
    .title { display: flex; align-items: center; gap: 10px; }
    .title .ic { display: grid; place-items: center; width: 32px; height: 32px; border-radius: 8px; background: var(--_accent-soft);
      color: var(--_accent); }
    .title .ic svg { width: 17px; height: 17px; }
    p { font-size: 13px; color: var(--_muted); }
    .snippet { display: grid; grid-template-columns: minmax(0, 1fr) auto; align-items: center; gap: 6px;
      background: #0f172a; color: #e2e8f0; border-radius: 8px; padding: 6px 6px 6px 10px; }
    .snippet code { font-family: var(--_mono); font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .snippet .btn { background: transparent; border-color: #334155; color: #cbd5e1; }
    .snippet .btn:hover { background: #1e293b; }
    .kicker { font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--_faint); font-weight: 600; }
    progress { width: 100%; height: 6px; accent-color: var(--_accent); }
    .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    .webhooks { margin-top: 16px; }
  `,
  ];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    clearTimeout(this.copiedTimer);
  }

  private get origin(): string {
    return /^https?:\/\//.test(this.api.apiBase) ? this.api.apiBase : `${location.origin}${this.api.apiBase}`;
  }

  /** The NATS subject downstream systems subscribe to. */
  get subject(): string {
    return `liveseg.entries.${this.segmentId}`;
  }

  /** A curl command following the live entries over HTTP. */
  get curlSnippet(): string {
    return `curl -N -H "Authorization: Bearer $LIVESEG_API_KEY" ${this.origin}/v1/segments/${encodeURIComponent(this.segmentId)}/live`;
  }

  override render() {
    return html`<div class="grid">
      <section class="card" aria-labelledby="export-title">
        <div class="title"><span class="ic">${icons.download}</span><h3 id="export-title">Export members</h3></div>
        <p>Download every member with the time they first entered, as CSV.</p>
        ${this.renderExport()}
      </section>
      <section class="card" aria-labelledby="consume-title">
        <div class="title"><span class="ic">${icons.terminal}</span><h3 id="consume-title">Consume entries</h3></div>
        <p>Each entry is published once to JetStream stream LIVESEG_ENTRIES with the user's reachability.</p>
        <span class="kicker" id="subject-label">NATS subject</span>
        ${this.snippet(this.subject, 'NATS subject', 'subject')}
        <span class="kicker">HTTP (Server-Sent Events)</span>
        ${this.snippet(this.curlSnippet, 'curl command', 'curl')}
      </section>
      <section class="card" aria-labelledby="lookup-title">
        <div class="title"><span class="ic">${icons.user}</span><h3 id="lookup-title">Look up a user</h3></div>
        <p>See a user's profile, reachable channels, segments entered and pending windows.</p>
        <div class="row"><a class="btn" href="#/users">${icons.search}Open user lookup</a></div>
      </section>
    </div>
    <liveseg-destinations class="webhooks" segment-id=${this.segmentId} segment-name=${this.segmentName} api-base=${this.apiBase}
      api-key=${this.apiKey}></liveseg-destinations>
    <p class="sr-only" role="status" aria-live="polite">${this.copied ? `Copied ${this.copied}` : ''}</p>`;
  }

  private snippet(text: string, label: string, key: string) {
    const done = this.copied === label;
    return html`<div class="snippet"><code data-snippet=${key}>${text}</code>
      <button class="btn small" type="button" aria-label=${`Copy ${label}`} @click=${() => this.copy(text, label)}>
        ${done ? icons.check : icons.copy}${done ? 'Copied' : 'Copy'}</button></div>`;
  }

  private renderExport() {
    const x = this.exporting;
    switch (x.state) {
      case 'running':
        return html`<progress max=${x.total || 1} value=${x.done} aria-label="Export progress"></progress>
          <div class="row"><span class="muted num">${formatNumber(x.done)} of ${formatNumber(x.total)} users…</span>
          <button class="btn small ghost" type="button" @click=${() => this.abort?.abort()}>Cancel</button></div>`;
      case 'error':
        return html`<p class="error" role="alert">${icons.alert}<span>${errorMessage(x.error)}</span></p>
          <div class="row"><button class="btn" type="button" @click=${this.export}>${icons.refresh}Try again</button></div>`;
      default:
        return html`<div class="row"><button class="btn" type="button" @click=${this.export} ?disabled=${!this.segmentId}>
          ${icons.download}Export CSV</button>
          ${
            x.state === 'done'
              ? html`<span class="muted" role="status">${formatNumber(x.count)} ${x.count === 1 ? 'user' : 'users'} exported</span>`
              : nothing
          }</div>`;
    }
  }

  private async export() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.exporting = { state: 'running', done: 0, total: 0 };
    try {
      const { csv, count } = await exportMembersCsv(
        this.api,
        this.segmentId,
        (done, total) => {
          this.exporting = { state: 'running', done, total };
        },
        abort.signal,
      );
      downloadText(csv, `liveseg-${slug(this.segmentName || this.segmentId)}-members.csv`);
      this.exporting = { state: 'done', count };
      this.dispatchEvent(new CustomEvent('liveseg-exported', { detail: { count, csv }, bubbles: true, composed: true }));
    } catch (e) {
      this.exporting = isAbort(e) ? { state: 'idle' } : { state: 'error', error: e };
    }
  }

  private async copy(text: string, label: string) {
    if (await copyText(text)) {
      this.copied = label;
      clearTimeout(this.copiedTimer);
      this.copiedTimer = setTimeout(() => {
        this.copied = '';
      }, 2000);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveseg-do-more': LivesegDoMore;
  }
}
