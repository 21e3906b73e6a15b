/**
 * `<liveseg-destinations segment-id="…">`: send a segment's entries to a webhook — create a
 * destination (its signing secret shown once), watch delivered / retrying / failed counts and the
 * recent deliveries, send a test, delete. Embeddable like every liveseg element.
 */
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage, isApiError } from './api/index.ts';
import { ResourceController } from './controllers/resource-controller.ts';
import { ApiElement } from './lib/api-element.ts';
import { copyText } from './lib/clipboard.ts';
import { formatNumber, formatTime } from './lib/format.ts';
import { icons } from './lib/icons.ts';
import { type CreatedDestination, type DestinationDetailView, DestinationsClient, type TestResult } from './liveseg-destinations-api.ts';
import { base, tokens } from './styles/theme.ts';

/** How often counts are refreshed while the element is shown. */
const POLL_MS = 2000;

@customElement('liveseg-destinations')
export class LivesegDestinations extends ApiElement {
  /** The segment whose entries are sent. */
  @property({ attribute: 'segment-id' }) segmentId = '';
  /** Its name, to suggest a destination name. */
  @property({ attribute: 'segment-name' }) segmentName = '';

  @state() private formOpen = false;
  @state() private saving = false;
  @state() private formError?: unknown;
  @state() private created?: CreatedDestination;
  @state() private copied = false;
  @state() private tests: Record<string, TestResult | 'running'> = {};
  /** This segment's destinations with their counts and recent deliveries, reloaded every 2 s. */
  private readonly list = new ResourceController<DestinationDetailView[]>(this, {
    key: () => (this.segmentId ? [this.api.apiBase, this.api.apiKey, this.segmentId] : undefined),
    load: async (signal) => {
      const mine = (await this.client.list(signal)).filter((d) => d.segments.includes(this.segmentId));
      return Promise.all(mine.map((d) => this.client.get(d.id, signal)));
    },
    refreshMs: POLL_MS,
  });
  /** A failed create, test or delete (loading failures are the list's own). */
  @state() private actionError?: unknown;

  static override styles = [
    tokens,
    base,
    css`
    :host { display: block; }
    .card { padding: 16px 18px; display: grid; gap: 12px; }
    .title { display: flex; align-items: center; gap: 10px; justify-content: space-between; flex-wrap: wrap; }
    .title h3 { display: flex; align-items: center; gap: 10px; margin: 0; }
    .ic { display: grid; place-items: center; width: 32px; height: 32px; border-radius: 8px; background: var(--_accent-soft); color: var(--_accent); }
    .ic svg { width: 17px; height: 17px; }
    p { font-size: 13px; color: var(--_muted); margin: 0; }
    form { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 2fr) auto; gap: 10px; align-items: end; }
    @media (max-width: 720px) { form { grid-template-columns: 1fr; } }
    .secret { display: grid; gap: 8px; border: 1px solid #fec84b; background: var(--_warn-soft); border-radius: 8px; padding: 10px 12px; }
    .snippet { display: grid; grid-template-columns: minmax(0, 1fr) auto; align-items: center; gap: 6px;
      background: #0f172a; color: #e2e8f0; border-radius: 8px; padding: 6px 6px 6px 10px; }
    .snippet code { font-family: var(--_mono); font-size: 12px; overflow-wrap: anywhere; }
    .snippet .btn { background: transparent; border-color: #334155; color: #cbd5e1; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
    li.dest { border: 1px solid var(--_border); border-radius: 8px; padding: 10px 12px; display: grid; gap: 8px; }
    .head { display: flex; gap: 10px; align-items: center; justify-content: space-between; flex-wrap: wrap; }
    .name { font-weight: 600; }
    .url { font-family: var(--_mono); font-size: 12px; color: var(--_muted); overflow-wrap: anywhere; }
    .counts { display: flex; gap: 8px; flex-wrap: wrap; }
    .pill { font-size: 12px; border-radius: 999px; padding: 1px 9px; background: var(--_surface-2); border: 1px solid var(--_border); }
    .pill.ok { color: var(--_ok); background: var(--_ok-soft); border-color: #abefc6; }
    .pill.warn { color: var(--_warn); background: var(--_warn-soft); border-color: #fedf89; }
    .pill.bad { color: var(--_danger); background: var(--_danger-soft); border-color: #fecdca; }
    table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
    th, td { text-align: left; padding: 3px 8px 3px 0; border-bottom: 1px solid var(--_border); }
    th { color: var(--_faint); font-weight: 600; }
    td.id { font-family: var(--_mono); overflow-wrap: anywhere; }
    .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  `,
  ];

  private get client(): DestinationsClient {
    return new DestinationsClient(this.api);
  }

  /** Reloads the destinations now. */
  refresh(): Promise<void> {
    return this.list.reload(true);
  }

  override render() {
    return html`<section class="card" aria-labelledby="webhook-title">
      <div class="title">
        <h3 id="webhook-title"><span class="ic">${icons.external}</span>Send to a webhook</h3>
        ${this.formOpen ? nothing : html`<button class="btn small" type="button" @click=${this.openForm}>${icons.plus}Add webhook</button>`}
      </div>
      <p>Every entry of this segment is POSTed as signed JSON (Standard Webhooks) to your endpoint, retried for 24 h.</p>
      ${this.formOpen ? this.renderForm() : nothing} ${this.created ? this.renderSecret(this.created) : nothing}
      ${
        (this.actionError ?? this.list.error)
          ? html`<p class="error" role="alert">${icons.alert}<span>${errorMessage(this.actionError ?? this.list.error)}</span></p>`
          : nothing
      }
      ${
        this.list.value?.length
          ? html`<ul aria-label="Webhooks of this segment">${this.list.value.map((d) => this.renderDestination(d))}</ul>`
          : html`<p class="muted" data-empty>No webhooks for this segment yet.</p>`
      }
    </section>`;
  }

  private renderForm() {
    const problems = isApiError(this.formError) ? this.formError.details : [];
    const at = (path: string) => problems.filter((p) => p.path === path || p.path.startsWith(`${path}[`)).map((p) => p.message);
    const urlProblems = at('url');
    const nameProblems = at('name');
    return html`<form @submit=${this.create} aria-label="New webhook">
        <div class="field"><label for="wh-name">Name</label>
          <input id="wh-name" name="name" .value=${this.segmentName ? `${this.segmentName} webhook` : ''} aria-invalid=${nameProblems.length > 0}
            required maxlength="200" /></div>
        <div class="field"><label for="wh-url">Endpoint URL</label>
          <input id="wh-url" name="url" type="url" placeholder="https://example.com/hooks/liveseg" aria-invalid=${urlProblems.length > 0} required /></div>
        <div class="row"><button class="btn primary" type="submit" ?disabled=${this.saving}>${icons.check}Create</button>
          <button class="btn ghost" type="button" @click=${() => {
            this.formOpen = false;
            this.formError = undefined;
          }}>Cancel</button></div>
      </form>
      ${
        this.formError
          ? html`<div role="alert">${
              problems.length
                ? problems.map((p) => html`<p class="error">${icons.alert}<span>${p.path}: ${p.message}</span></p>`)
                : html`<p class="error">${icons.alert}<span>${errorMessage(this.formError)}</span></p>`
            }</div>`
          : nothing
      }`;
  }

  private renderSecret(c: CreatedDestination) {
    return html`<div class="secret" data-secret>
      <strong>Signing secret of “${c.name}”: copy it now, it is not shown again.</strong>
      <div class="snippet"><code>${c.secret}</code>
        <button class="btn small" type="button" aria-label="Copy signing secret" @click=${() => this.copySecret(c.secret)}>
          ${this.copied ? icons.check : icons.copy}${this.copied ? 'Copied' : 'Copy'}</button></div>
      <p>Verify each request with any Standard Webhooks library (e.g. <code>standardwebhooks</code> on npm) and this secret.</p>
      <div class="row"><button class="btn small" type="button" @click=${() => {
        this.created = undefined;
      }}>Done</button></div>
    </div>`;
  }

  private renderDestination(d: DestinationDetailView) {
    const s = d.stats;
    const test = this.tests[d.id];
    return html`<li class="dest" data-destination=${d.id}>
      <div class="head">
        <div><div class="name">${d.name}</div><div class="url">${d.url}</div></div>
        <div class="row">
          <button class="btn small" type="button" ?disabled=${test === 'running'} @click=${() => this.sendTest(d.id)}>${icons.radio}Send test</button>
          <button class="btn small danger" type="button" aria-label=${`Delete webhook ${d.name}`} @click=${() => this.deleteDestination(d.id)}>${icons.trash}Delete</button>
        </div>
      </div>
      <div class="counts" aria-label="Delivery counts">
        <span class="pill ok" data-count="delivered">${formatNumber(s.delivered)} delivered</span>
        <span class="pill ${s.retrying ? 'warn' : ''}" data-count="retrying">${formatNumber(s.retrying)} retrying</span>
        <span class="pill ${s.failed ? 'bad' : ''}" data-count="failed">${formatNumber(s.failed)} failed</span>
      </div>
      ${s.lastError ? html`<p class="muted">Last error: ${s.lastError}</p>` : nothing}
      ${
        test && test !== 'running'
          ? html`<p role="status" class=${test.ok ? 'muted' : 'error'} data-test-result>Test ${test.ok ? 'delivered' : 'failed'}${
              test.status ? ` (HTTP ${test.status})` : ''
            } in ${formatNumber(test.ms)} ms${test.error ? `: ${test.error}` : ''}</p>`
          : nothing
      }
      ${d.recent.length ? this.renderRecent(d) : html`<p class="muted">No deliveries yet.</p>`}
    </li>`;
  }

  private renderRecent(d: DestinationDetailView) {
    return html`<table aria-label="Recent deliveries">
      <thead><tr><th>Time</th><th>Entry</th><th>Outcome</th><th>Status</th><th>Latency</th></tr></thead>
      <tbody>${d.recent.slice(0, 8).map(
        (r) => html`<tr>
          <td class="num">${formatTime(r.at)}</td><td class="id">${r.id}</td>
          <td>${r.outcome}${r.attempt > 1 ? ` (try ${r.attempt})` : ''}</td>
          <td class="num">${r.status ?? r.error ?? '—'}</td><td class="num">${formatNumber(r.ms)} ms</td></tr>`,
      )}</tbody></table>`;
  }

  private openForm() {
    this.formOpen = true;
    this.formError = undefined;
  }

  private async create(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this.saving = true;
    this.formError = undefined;
    try {
      this.created = await this.client.create({
        name: String(data.get('name') ?? ''),
        url: String(data.get('url') ?? ''),
        segments: [this.segmentId],
      });
      this.copied = false;
      this.formOpen = false;
      this.dispatchEvent(
        new CustomEvent('liveseg-destination-created', { detail: { id: this.created.id }, bubbles: true, composed: true }),
      );
      await this.refresh();
    } catch (err) {
      this.formError = err;
    } finally {
      this.saving = false;
    }
  }

  private async sendTest(id: string) {
    this.tests = { ...this.tests, [id]: 'running' };
    try {
      this.tests = { ...this.tests, [id]: await this.client.test(id) };
      await this.refresh();
    } catch (err) {
      this.tests = { ...this.tests, [id]: { ok: false, ms: 0, error: errorMessage(err) } };
    }
  }

  private async deleteDestination(id: string) {
    try {
      await this.client.remove(id);
      this.actionError = undefined;
      await this.refresh();
    } catch (err) {
      this.actionError = err;
    }
  }

  private async copySecret(secret: string) {
    this.copied = await copyText(secret);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveseg-destinations': LivesegDestinations;
  }
}
