/** `<liveseg-report>`: a live segment's report — charts, users trickling in, reachability, next steps. */
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LiveEntry, Report, SegmentDetail } from './api/index.ts';
import { errorMessage } from './api/index.ts';
import { LiveController } from './controllers/live-controller.ts';
import { ResourceController } from './controllers/resource-controller.ts';
import { ApiElement } from './lib/api-element.ts';
import { formatDate, formatDateTime, formatNumber } from './lib/format.ts';
import { icons } from './lib/icons.ts';
import { kindBadge } from './lib/kinds.ts';
import { errorState, loadingState } from './lib/states.ts';
import { reportStyles } from './report/styles.ts';
import { base, kindColors, tokens } from './styles/theme.ts';
import { appendRate, type ChartSample, withHistory } from './liveseg-rate-chart.ts';
import { prependEntry } from './liveseg-live-users.ts';
import './liveseg-daily-chart.ts';
import './liveseg-do-more.ts';
import './liveseg-reachability.ts';

/** Reload the report's aggregates (daily, reachability) this often; live parts come over SSE. */
const REFRESH_MS = 10_000;

@customElement('liveseg-report')
export class LivesegReport extends ApiElement {
  /** The segment to report on. */
  @property({ attribute: 'segment-id' }) segmentId = '';

  @state() private showDefinition = false;
  @state() private confirmDelete = false;
  @state() private deleteError: unknown;
  @state() private rates: ChartSample[] = [];
  @state() private entries: LiveEntry[] = [];
  /** Entries seen live since the page opened. */
  @state() private liveCount = 0;

  private readonly segment = new ResourceController<SegmentDetail>(this, {
    key: () => (this.segmentId ? [this.api.apiBase, this.api.apiKey, this.segmentId] : undefined),
    load: (signal) => this.api.getSegment(this.segmentId, signal),
  });

  private readonly report = new ResourceController<Report>(this, {
    key: () => (this.segmentId ? [this.api.apiBase, this.api.apiKey, this.segmentId] : undefined),
    load: async (signal) => {
      const r = await this.api.report(this.segmentId, signal);
      for (const e of r.recent ?? []) this.entries = prependEntry(this.entries, e);
      return r;
    },
    refreshMs: REFRESH_MS,
  });

  private readonly live = new LiveController(this, {
    client: () => this.api,
    segmentId: () => (this.segmentId && this.segment.status !== 'error' ? this.segmentId : undefined),
    onEntry: (e) => {
      this.entries = prependEntry(this.entries, e);
      this.liveCount++;
      this.refreshSoon();
    },
    onRate: (r) => {
      this.rates = appendRate(this.rates, r);
    },
    onHistory: (points) => {
      this.rates = withHistory(this.rates, points);
    },
  });

  static override styles = [tokens, base, kindColors, reportStyles];

  private refreshTimer?: ReturnType<typeof setTimeout>;

  /** New entries change members, reachability and today's count: reload those soon, at most every 2 s. */
  private refreshSoon(): void {
    this.refreshTimer ??= setTimeout(() => {
      this.refreshTimer = undefined;
      void this.report.reload(true);
    }, 2_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('segmentId') && changed.get('segmentId') !== undefined) {
      this.rates = [];
      this.entries = [];
      this.liveCount = 0;
      this.showDefinition = false;
      this.confirmDelete = false;
    }
  }

  override render() {
    if (!this.segmentId) return html`<div class="card">${errorState(new Error('No segment chosen (set the segment-id attribute).'))}</div>`;
    const { status, value: seg, error } = this.segment;
    if (status === 'error') {
      return html`<a class="back" href="#/segments">${icons.back}Segments</a>
        <div class="card">${errorState(error, () => void this.segment.reload(), 'Could not open this segment')}</div>`;
    }
    if (!seg) return html`<div class="card" style="padding:8px 18px">${loadingState(6, 'Loading segment…')}</div>`;
    return html`
      ${this.renderHeader(seg)}
      ${
        this.showDefinition
          ? html`<section class="card definition" id="definition" aria-label="Segment definition">
        <p class="desc">${seg.description}</p>
        <pre data-testid="definition-json">${JSON.stringify(seg.definition, null, 2)}</pre>
      </section>`
          : nothing
      }
      ${this.renderStats()}
      <div class="row">
        <section class="card" aria-labelledby="daily-title">
          <div class="card-head"><h2 id="daily-title">Users entering per day</h2><p class="muted">UTC, from the first complete day</p></div>
          <div class="card-body">${this.reportPart(
            () => html`<liveseg-daily-chart .daily=${this.report.value!.daily ?? []} created-at=${seg.createdAt}></liveseg-daily-chart>`,
          )}</div>
        </section>
        <section class="card" aria-labelledby="rate-title">
          <div class="card-head"><h2 id="rate-title">Live rate</h2><p class="muted">Entering vs all activity, last 15 minutes</p></div>
          <div class="card-body"><liveseg-rate-chart .samples=${this.rates}></liveseg-rate-chart></div>
        </section>
      </div>
      <div class="row">
        <section class="card" aria-labelledby="reach-title">
          <div class="card-head"><h2 id="reach-title">Reachability</h2><p class="muted">By channel</p></div>
          <div class="card-body">${this.reportPart(
            () => html`<liveseg-reachability .reachability=${this.report.value!.reachability}></liveseg-reachability>`,
          )}</div>
        </section>
        <section class="card" aria-labelledby="users-title">
          <div class="card-head"><h2 id="users-title">Users entering live</h2>
            <p class="count-live" aria-live="polite">${
              this.liveCount ? `${formatNumber(this.liveCount)} since you opened this page` : 'Newest first'
            }</p></div>
          <div class="card-body"><liveseg-live-users .entries=${this.entries} status=${this.live.status}
            ?loading=${this.report.status === 'loading' && this.entries.length === 0}></liveseg-live-users></div>
        </section>
      </div>
      <h2 class="section-label">Do more with this segment</h2>
      <liveseg-do-more segment-id=${seg.id} segment-name=${seg.name} api-base=${this.apiBase} api-key=${this.apiKey}></liveseg-do-more>`;
  }

  private reportPart(body: () => unknown) {
    const r = this.report;
    if (r.status === 'error' && !r.value) return errorState(r.error, () => void r.reload(), 'Could not load report data');
    if (!r.value) return loadingState(4, 'Loading report…');
    return body();
  }

  private renderHeader(seg: SegmentDetail) {
    const live = this.live.status;
    const liveText =
      live === 'live'
        ? 'Live'
        : live === 'reconnecting'
          ? 'Reconnecting…'
          : live === 'connecting'
            ? 'Connecting…'
            : live === 'error'
              ? 'Live updates off'
              : 'Paused';
    return html`<a class="back" href="#/segments">${icons.back}Segments</a>
      <header>
        <div>
          <h1>${seg.name}</h1>
          <div class="meta">${kindBadge(seg.kind)}<span class="dot">•</span>
            <span>Created <time datetime=${new Date(seg.createdAt).toISOString()}
              title=${formatDateTime(seg.createdAt)}>${formatDate(seg.createdAt)}</time></span>
            <span class="dot">•</span><span class="mono">${seg.id}</span></div>
        </div>
        <div class="head-actions">
          <span class="live ${live === 'live' ? 'on' : live === 'off' ? '' : 'warn'}" role="status"
            title=${live === 'error' ? errorMessage(this.live.error) : ''}>
            <span class="pulse" aria-hidden="true"></span>${liveText}</span>
          <button class="btn" type="button" aria-expanded=${this.showDefinition ? 'true' : 'false'} aria-controls="definition"
            @click=${() => {
              this.showDefinition = !this.showDefinition;
            }}>${icons.code}${this.showDefinition ? 'Hide segment definition' : 'View segment definition'}</button>
          <a class="btn" href=${`#/segments/new?from=${encodeURIComponent(seg.id)}`}>${icons.copy}Duplicate</a>
          <button class="btn danger icon" type="button" aria-label="Delete segment" title="Delete segment"
            @click=${() => {
              this.confirmDelete = true;
            }}>${icons.trash}</button>
        </div>
      </header>
      ${
        this.confirmDelete
          ? html`<div class="confirm" role="alertdialog" aria-label="Confirm delete">
        <p>Stop evaluating “${seg.name}”? Its entries so far are kept on the stream.
          ${this.deleteError ? html`<br />${errorMessage(this.deleteError)}` : nothing}</p>
        <button class="btn small" type="button" @click=${() => {
          this.confirmDelete = false;
        }}>Keep it</button>
        <button class="btn small danger" type="button" @click=${this.deleteSegment}>Delete segment</button>
      </div>`
          : nothing
      }`;
  }

  private renderStats() {
    const r = this.report.value;
    const last = this.rates.at(-1);
    const stat = (k: string, v: string, id: string) =>
      html`<div class="card stat" data-stat=${id}><div class="k">${k}</div><div class="v">${v}</div></div>`;
    return html`<div class="stats">
      ${stat('Members', r ? formatNumber(r.reachability.total) : '–', 'members')}
      ${stat('Entered since opened', formatNumber(this.liveCount), 'live')}
      ${stat('Active users now', last ? formatNumber(last.activeUsers) : '–', 'active')}
      ${stat('Events per second now', last ? formatNumber(last.events) : '–', 'events')}
    </div>`;
  }

  private async deleteSegment() {
    try {
      await this.api.deleteSegment(this.segmentId);
      const ev = new CustomEvent('liveseg-deleted', { detail: { id: this.segmentId }, bubbles: true, composed: true, cancelable: true });
      if (this.dispatchEvent(ev)) location.hash = '#/segments';
    } catch (e) {
      this.deleteError = e;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveseg-report': LivesegReport;
  }
}
