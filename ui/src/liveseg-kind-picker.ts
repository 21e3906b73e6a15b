/** `<liveseg-kind-picker>`: the live segment kinds as selectable cards (a radio group). */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TriggerKind } from '../../actors/types.ts';
import { KIND_LIST } from './builder/kinds/index.ts';
import { icons } from './lib/icons.ts';
import { base, kindColors, tokens } from './styles/theme.ts';

/**
 * One card per kind of the builder's registry; arrow keys move between them like any radio group.
 * Fires `change` (detail: { kind }) when the choice changes.
 */
@customElement('liveseg-kind-picker')
export class LivesegKindPicker extends LitElement {
  /** The chosen kind, if any. */
  @property() value: TriggerKind | '' = '';
  /** Accessible name of the group. */
  @property() label = 'Live user segment kind';

  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override styles = [
    tokens,
    base,
    kindColors,
    css`
    :host { display: block; container-type: inline-size; }
    fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
    legend { padding: 0; }
    .grid { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px; }
    @container (max-width: 720px) { .grid { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
    @container (max-width: 440px) { .grid { grid-template-columns: 1fr; } }
    label {
      position: relative; display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; align-content: start;
      padding: 14px; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface);
      cursor: pointer; transition: border-color 0.12s, box-shadow 0.12s, background 0.12s; min-height: 100%;
    }
    label:hover { border-color: var(--_border-strong); background: var(--_surface-2); }
    label:has(input:checked) { border-color: var(--k); box-shadow: 0 0 0 1px var(--k); background: var(--k-soft); }
    label:has(input:focus-visible) { box-shadow: 0 0 0 1px var(--k), var(--_focus); }
    input { position: absolute; opacity: 0; pointer-events: none; }
    .icon { grid-row: span 3; display: grid; place-items: center; width: 36px; height: 36px; border-radius: 9px;
      background: var(--k-soft); color: var(--k); }
    label:has(input:checked) .icon { background: var(--_surface); }
    .icon svg { width: 20px; height: 20px; }
    .title { font-weight: 600; }
    .blurb { font-size: 13px; color: var(--_muted); }
    .example { font-size: 12.5px; color: var(--_faint); font-style: italic; }
    .tick { position: absolute; top: 10px; right: 10px; width: 18px; height: 18px; color: var(--k); opacity: 0; }
    label:has(input:checked) .tick { opacity: 1; }
  `,
  ];

  override render() {
    return html`<fieldset>
      <legend class="sr-only">${this.label}</legend>
      <div class="grid">
        ${KIND_LIST.map(
          ({ kind: k, icon, label, blurb, example }) => html`<label class="k-${k}" data-kind=${k}>
          <input type="radio" name="kind" value=${k} .checked=${this.value === k} @change=${() => this.choose(k)} />
          <span class="icon">${icon}</span>
          <span class="title">${label}</span>
          <span class="blurb">${blurb}</span>
          <span class="example">e.g. ${example}</span>
          <span class="tick">${icons.check}</span>
        </label>`,
        )}
      </div>
    </fieldset>`;
  }

  private choose(kind: TriggerKind) {
    this.value = kind;
    this.dispatchEvent(new CustomEvent('change', { detail: { kind }, bubbles: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveseg-kind-picker': LivesegKindPicker;
  }
}
