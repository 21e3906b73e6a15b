/** `<liveseg-segment-list>`: every segment with kind, creation date and members; search as you type. */
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SegmentSummary } from './api/index.ts';
import { ResourceController } from './controllers/resource-controller.ts';
import { ApiElement } from './lib/api-element.ts';
import { formatDate, formatDateTime, formatNumber } from './lib/format.ts';
import { icons } from './lib/icons.ts';
import { kindBadge } from './lib/kinds.ts';
import { emptyState, errorState, loadingState } from './lib/states.ts';
import { base, kindColors, tokens } from './styles/theme.ts';

/**
 * The segment list. Fires `liveseg-search` (detail: { q }) as the search text changes so a host
 * can keep it in the URL. Rows link to `#/segments/<id>`; "+ Segment" links to `#/segments/new`.
 */
@customElement('liveseg-segment-list')
export class LivesegSegmentList extends ApiElement {
  /** Search text (names, case-insensitive). */
  @property() q = '';
  /** Base of the row links; rows point at `${linkBase}<id>`. */
  @property({ attribute: 'link-base' }) linkBase = '#/segments/';

  private readonly segments = new ResourceController<SegmentSummary[]>(this, {
    key: () => [this.api.apiBase, this.api.apiKey, this.q.trim()],
    load: (signal) => this.api.listSegments(this.q, signal),
    debounceMs: 150,
    refreshMs: 15_000,
  });

  static override styles = [
    tokens,
    base,
    kindColors,
    css`
    :host { display: block; container-type: inline-size; }
    header { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; flex-wrap: wrap; margin-bottom: 20px; }
    header p { margin-top: 4px; }
    .tools { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
    .search { position: relative; width: 300px; max-width: 100%; }
    .search svg { position: absolute; left: 10px; top: 50%; width: 16px; height: 16px; transform: translateY(-50%); color: var(--_faint);
      pointer-events: none; }
    .search input { padding-left: 34px; }
    table { width: 100%; border-collapse: collapse; }
    caption { text-align: left; padding: 14px 18px 10px; font-size: 13px; color: var(--_muted); }
    th { text-align: left; font-size: 12px; font-weight: 600; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.04em;
      padding: 10px 18px; border-block: 1px solid var(--_border); background: var(--_surface-2); }
    td { padding: 14px 18px; border-bottom: 1px solid var(--_border); vertical-align: middle; }
    tbody tr:last-child td { border-bottom: 0; }
    tbody tr { transition: background 0.1s; }
    tbody tr:hover { background: #fafbff; }
    .name a { color: var(--_text); font-weight: 600; }
    .name a:hover { color: var(--_accent); }
    .num { text-align: right; white-space: nowrap; }
    th.num { text-align: right; }
    .members { font-weight: 600; }
    .members.zero { color: var(--_faint); font-weight: 500; }
    .created { color: var(--_muted); white-space: nowrap; }
    .sub { display: none; }
    .busy { opacity: 0.6; transition: opacity 0.2s; }
    @container (max-width: 640px) {
      .search { width: 100%; }
      .tools { width: 100%; }
      .tools .search { flex: 1; }
      th.kind, td.kind, th.created, td.created { display: none; }
      td, th { padding-inline: 14px; }
      .sub { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-top: 6px; font-size: 12.5px; color: var(--_muted);
        white-space: nowrap; }
    }
  `,
  ];

  override render() {
    return html`
      <header>
        <div>
          <h1>Segments</h1>
          <p class="muted">Live user segments add users the moment they qualify.</p>
        </div>
        <div class="tools">
          <div class="search" role="search">
            ${icons.search}
            <input type="search" maxlength="200" .value=${this.q} placeholder="Search segments" aria-label="Search segments by name"
              aria-controls="segments" autocomplete="off" @input=${this.onSearch} />
          </div>
          <a class="btn primary" href="#/segments/new">${icons.plus}Segment</a>
        </div>
      </header>
      <section class="card" id="segments" aria-label="Segments" aria-busy=${this.segments.status === 'loading' ? 'true' : 'false'}>
        ${this.renderBody()}
      </section>`;
  }

  private renderBody() {
    const { status, value, error } = this.segments;
    if (status === 'error') return errorState(error, () => void this.segments.reload(), 'Could not load segments');
    if (value === undefined) return html`<div style="padding:0 18px">${loadingState(5, 'Loading segments…')}</div>`;
    if (value.length === 0) {
      return this.q.trim()
        ? emptyState({ icon: 'search', title: `No segments match “${this.q.trim()}”`, body: 'Try a shorter or different name.' })
        : emptyState({
            icon: 'segments',
            title: 'No segments yet',
            body: 'Create a live segment and watch users qualify in real time.',
            action: html`<a class="btn primary" href="#/segments/new">${icons.plus}Create a segment</a>`,
          });
    }
    return html`<table class=${status === 'loading' ? 'busy' : ''}>
      <caption aria-live="polite">${this.caption(value.length)}</caption>
      <thead><tr>
        <th scope="col">Name</th><th scope="col" class="kind">Kind</th>
        <th scope="col" class="created">Created</th><th scope="col" class="num">Members</th>
      </tr></thead>
      <tbody>${value.map((s) => this.row(s))}</tbody>
    </table>`;
  }

  private caption(n: number): string {
    const noun = n === 1 ? 'segment' : 'segments';
    return this.q.trim() ? `${formatNumber(n)} ${noun} matching “${this.q.trim()}”` : `${formatNumber(n)} ${noun}`;
  }

  private row(s: SegmentSummary) {
    return html`<tr data-segment-id=${s.id}>
      <td class="name">
        <a href=${`${this.linkBase}${encodeURIComponent(s.id)}`}>${s.name}</a>
        <div class="sub">${kindBadge(s.kind)}<span>${formatDate(s.createdAt)}</span></div>
      </td>
      <td class="kind">${kindBadge(s.kind)}</td>
      <td class="created"><time datetime=${new Date(s.createdAt).toISOString()}
        title=${formatDateTime(s.createdAt)}>${formatDate(s.createdAt)}</time></td>
      <td class="num members ${s.members === 0 ? 'zero' : ''}">${formatNumber(s.members)}</td>
    </tr>`;
  }

  private onSearch(e: Event) {
    this.q = (e.target as HTMLInputElement).value;
    this.dispatchEvent(new CustomEvent('liveseg-search', { detail: { q: this.q }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveseg-segment-list': LivesegSegmentList;
  }
}
