/** `<liveseg-segment-builder>`: create a live segment of any kind, with a live description. */
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { parseDefinition } from '../../actors/definition/index.ts';
import type { Problem, TriggerKind } from '../../actors/types.ts';
import { errorMessage, isApiError, type SegmentDetail } from './api/index.ts';
import { type Draft, emptyDraft, fromDefinition, toDefinition } from './builder/draft.ts';
import { durationField, errorLine, type FieldContext, fieldId, LISTS, textField } from './builder/fields.ts';
import { filterFields } from './builder/filter-fields.ts';
import { builderKind } from './builder/kinds/index.ts';
import { pathLabel } from './builder/labels.ts';
import { type Preview, preview, suggestName } from './builder/preview.ts';
import { builderStyles } from './builder/styles.ts';
import { loadSuggestions, type Suggestions } from './builder/suggestions.ts';
import { ResourceController } from './controllers/resource-controller.ts';
import { ApiElement } from './lib/api-element.ts';
import { icons } from './lib/icons.ts';
import { base, kindColors, tokens } from './styles/theme.ts';
import './liveseg-kind-picker.ts';

const NAME_HINT = 'Convey the core meaning of the segment while keeping the name brief.';

/**
 * The builder. On success it fires `liveseg-created` (detail: the segment); unless a listener
 * calls preventDefault(), it then opens `#/segments/<id>`.
 */
@customElement('liveseg-segment-builder')
export class LivesegSegmentBuilder extends ApiElement {
  /** Preselected kind, e.g. `kind="inaction"`. */
  @property() kind: TriggerKind | '' = '';
  /** Id of a segment whose definition fills the form (duplicate and edit). */
  @property() from = '';

  @state() private draft: Draft = emptyDraft();
  @state() private saving = false;
  @state() private saveError: unknown;
  private serverProblems: Problem[] = [];
  private readonly touched = new Set<string>();
  private readonly edited = new Set<string>();
  private submitted = false;
  private view!: Preview;
  private appliedFrom = '';

  private readonly source = new ResourceController<SegmentDetail>(this, {
    key: () => (this.from ? [this.api.apiBase, this.api.apiKey, this.from] : undefined),
    load: (signal) => this.api.getSegment(this.from, signal),
  });

  private readonly suggestions = new ResourceController<Suggestions>(this, {
    key: () => [this.api.apiBase, this.api.apiKey],
    load: (signal) => loadSuggestions(this.api, signal),
  });

  private readonly ctx: FieldContext = {
    errors: (path) => this.errorsAt(path),
    changed: (path) => {
      this.edited.add(path);
      // Server problems under an edited path are answered; row changes shift indices, so drop those too.
      this.serverProblems = this.serverProblems.filter((p) => !p.path.startsWith(path));
      this.requestUpdate();
    },
  };

  static override styles = [tokens, base, kindColors, builderStyles];

  /** Replaces the form (e.g. to duplicate a segment); clears messages. */
  reset(draft: Draft = emptyDraft()): void {
    this.draft = draft;
    this.serverProblems = [];
    this.touched.clear();
    this.edited.clear();
    this.submitted = false;
    this.saveError = undefined;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('kind') && this.kind && !this.draft.kind) this.draft.kind = this.kind;
    const src = this.source.value;
    if (this.from && src?.id === this.from && this.appliedFrom !== this.from) {
      this.appliedFrom = this.from;
      this.reset({ ...fromDefinition(src.definition), name: `${src.name} (copy)` });
    }
    this.view = preview(this.draft);
  }

  private errorsAt(path: string): string[] {
    const out = this.serverProblems.filter((p) => p.path === path).map((p) => p.message);
    if (this.submitted || this.touched.has(path)) {
      for (const p of this.view.problems) if (p.path === path && !out.includes(p.message)) out.push(p.message);
    }
    return out;
  }

  /** Problems to list in the summary: the server's, or the validator's after a save attempt. */
  private listedProblems(): Problem[] {
    if (this.serverProblems.length) return this.serverProblems;
    return this.submitted ? this.view.problems : [];
  }

  override render() {
    const d = this.draft;
    const s = this.suggestions.value;
    return html`
      <div class="head">
        <div>
          <a class="back" href="#/segments">${icons.back}Segments</a>
          <h1>${this.from ? 'Duplicate segment' : 'New live segment'}</h1>
          <p class="muted">${
            this.from && this.source.status === 'error'
              ? 'The segment to copy could not be loaded; start from scratch or go back.'
              : 'Users enter the moment they qualify. Pick a kind, set its rules, then name it.'
          }</p>
        </div>
      </div>
      <form class="layout" novalidate @submit=${this.save} @focusout=${this.onBlur}>
        <div class="main">
          <section class="card" aria-labelledby="kind-title">
            <div class="card-head"><h2 class="section-title" id="kind-title"><span class="n">1</span>Live user segment kind</h2></div>
            <div class="card-body">
              <liveseg-kind-picker id=${fieldId('trigger.kind')} .value=${d.kind ?? ''} @change=${this.onKind}></liveseg-kind-picker>
              ${errorLine(this.ctx, 'trigger')}${errorLine(this.ctx, 'trigger.kind')}
            </div>
          </section>
          <section class="card" aria-labelledby="rules-title">
            <div class="card-head"><h2 class="section-title" id="rules-title"><span class="n">2</span>
              ${d.kind ? builderKind(d.kind).label : 'Rules'}</h2></div>
            <div class="card-body">
              ${
                d.kind
                  ? builderKind(d.kind).fields(this.ctx, d.triggers[d.kind])
                  : html`<p class="placeholder">Choose a kind above to set its rules.</p>`
              }
            </div>
          </section>
          <section class="card" aria-labelledby="filters-title">
            <div class="card-head"><h2 class="section-title" id="filters-title"><span class="n">3</span>Filters <span class="faint"
              style="font-weight:400">(optional)</span></h2></div>
            <div class="card-body">
              <div class="check big">
                <input type="checkbox" id="use-filters" .checked=${d.useFilters} @change=${this.onUseFilters}
                  aria-controls="filter-fields" />
                <label for="use-filters">Filter on past user behavior and common properties</label>
              </div>
              <div id="filter-fields" ?hidden=${!d.useFilters} style="display:grid;gap:16px">
                ${d.useFilters ? filterFields(this.ctx, d) : nothing}
              </div>
            </div>
          </section>
          <section class="card" aria-labelledby="reentry-title">
            <div class="card-head"><h2 class="section-title" id="reentry-title"><span class="n">4</span>Re-entry</h2></div>
            <div class="card-body">${this.renderReentry()}</div>
          </section>
        </div>
        <aside>${this.renderSummary()}</aside>
      </form>
      <datalist id=${LISTS.events}>${(s?.events ?? []).map((v) => html`<option value=${v}></option>`)}</datalist>
      <datalist id=${LISTS.eventProps}>${(s?.eventProps ?? []).map((v) => html`<option value=${v}></option>`)}</datalist>
      <datalist id=${LISTS.profileProps}>${(s?.profileProps ?? []).map((v) => html`<option value=${v}></option>`)}</datalist>`;
  }

  private renderReentry() {
    const d = this.draft;
    const set = (v: Draft['reentry']) => () => {
      d.reentry = v;
      this.ctx.changed('reentry');
    };
    return html`<div class="radios" role="radiogroup" aria-labelledby="reentry-title">
      <label class="radio"><input type="radio" name="reentry" value="once" .checked=${d.reentry === 'once'} @change=${set('once')} />
        <span>Once <span class="hint">A user enters this segment at most one time.</span></span></label>
      <label class="radio"><input type="radio" name="reentry" value="every" .checked=${d.reentry === 'every'} @change=${set('every')} />
        <span>Every time they qualify <span class="hint">Each qualification is a new entry.</span></span></label>
    </div>
    ${
      d.reentry === 'every'
        ? html`
      <div class="check">
        <input type="checkbox" id="use-cooldown" .checked=${d.useCooldown}
          @change=${(e: Event) => {
            d.useCooldown = (e.target as HTMLInputElement).checked;
            this.ctx.changed('cooldown');
          }} />
        <label for="use-cooldown">Wait between entries (cooldown)</label>
      </div>
      ${
        d.useCooldown
          ? durationField(this.ctx, {
              path: 'cooldown',
              label: 'Cooldown',
              value: d.cooldown,
              hint: 'Minimum time between two entries of one user.',
            })
          : nothing
      }`
        : nothing
    }
    ${errorLine(this.ctx, 'reentry')}`;
  }

  private renderSummary() {
    const d = this.draft;
    const suggestion = suggestName(d);
    const problems = this.listedProblems();
    return html`<section class="card" aria-labelledby="summary-title">
      <div class="card-head"><h2 id="summary-title">Summary</h2></div>
      <div class="card-body" style="display:grid;gap:16px">
        <div class="field">
          <span class="label" id="description-label">Who will enter</span>
          <p class="summary-text ${this.view.description ? '' : 'empty'}" aria-labelledby="description-label" aria-live="polite"
            data-testid="description">
            ${this.view.description || 'Choose a kind to see the segment described in plain English.'}
          </p>
        </div>
        ${textField(this.ctx, {
          path: 'name',
          label: 'Segment name',
          value: d.name,
          set: (v) => {
            d.name = v;
          },
          placeholder: suggestion || 'e.g. Added to cart but no charge within 10 minutes',
          hint: NAME_HINT,
        })}
        ${
          suggestion && d.name.trim() === ''
            ? html`<button type="button" class="suggest" @click=${() => {
                d.name = suggestion;
                this.ctx.changed('name');
              }}>
          Use “${suggestion}”</button>`
            : nothing
        }
        ${
          problems.length
            ? html`<div class="problems" role="alert" data-testid="problems">
          <h3>${problems.length === 1 ? 'Fix this problem to save' : `Fix these ${problems.length} problems to save`}</h3>
          <ul>${problems.map(
            (p) => html`<li><button type="button"
              @click=${() => this.focusPath(p.path)}>${pathLabel(p.path, d.kind)}</button>: ${p.message}</li>`,
          )}</ul>
        </div>`
            : nothing
        }
        ${
          this.saveError
            ? html`<p class="error save-error" role="alert">${icons.alert}<span>${errorMessage(this.saveError)}</span></p>`
            : nothing
        }
        <div class="actions">
          <button class="btn primary" type="submit" ?disabled=${this.saving}>${this.saving ? 'Saving…' : 'Save segment'}</button>
          <a class="btn ghost" href="#/segments">Cancel</a>
        </div>
        <details>
          <summary>Definition JSON</summary>
          <pre>${JSON.stringify(this.view.definition, null, 2)}</pre>
        </details>
      </div>
    </section>`;
  }

  private onKind(e: CustomEvent<{ kind: TriggerKind }>) {
    this.draft.kind = e.detail.kind;
    this.serverProblems = [];
    this.ctx.changed('trigger');
  }

  private onUseFilters(e: Event) {
    this.draft.useFilters = (e.target as HTMLInputElement).checked;
    this.ctx.changed('filters');
  }

  private onBlur(e: FocusEvent) {
    const path = (e.target as HTMLElement).dataset?.path;
    if (path && this.edited.has(path) && !this.touched.has(path)) {
      this.touched.add(path);
      this.requestUpdate();
    }
  }

  private async save(e: Event) {
    e.preventDefault();
    if (this.saving) return;
    this.submitted = true;
    this.saveError = undefined;
    // Validate what the form holds now, not the last render's view of it.
    const parsed = parseDefinition(toDefinition(this.draft));
    if (!parsed.ok) {
      this.requestUpdate();
      await this.updateComplete;
      this.focusPath(parsed.problems[0]!.path);
      return;
    }
    this.saving = true;
    try {
      const segment = await this.api.createSegment(parsed.value);
      this.created(segment);
    } catch (err) {
      if (isApiError(err) && err.details.length > 0) {
        this.serverProblems = err.details;
        this.edited.clear();
        await this.updateComplete;
        this.focusPath(err.details[0]!.path);
      } else {
        this.saveError = err;
      }
    } finally {
      this.saving = false;
    }
  }

  private created(segment: SegmentDetail) {
    const ev = new CustomEvent('liveseg-created', { detail: segment, bubbles: true, composed: true, cancelable: true });
    if (this.dispatchEvent(ev)) location.hash = `#/segments/${encodeURIComponent(segment.id)}`;
    this.reset();
  }

  /** Moves focus to the control of a path, or of its nearest enclosing path. */
  focusPath(path: string): void {
    let p = path;
    for (;;) {
      const el =
        this.renderRoot.querySelector<HTMLElement>(`#${fieldId(p)}`) ??
        this.renderRoot.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`);
      if (el) {
        el.focus();
        el.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
        return;
      }
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) return;
      p = p.slice(0, cut);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveseg-segment-builder': LivesegSegmentBuilder;
  }
}
