/**
 * Form controls of the builder, each bound to one definition path ("trigger.within"): the path
 * gives the control its id, its error line and its place in the error summary.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ConditionOp, UrlMatchOp } from '../../../actors/types.ts';
import { icons } from '../lib/icons.ts';
import { type ConditionDraft, type DurationDraft, newCondition, type Unit, UNITS, type UrlMatchDraft } from './values.ts';

/** What every control needs from the form. */
export interface FieldContext {
  /** Problems to show at exactly this path. */
  errors(path: string): string[];
  /** Called after any change, with the path that changed. */
  changed(path: string): void;
}

/** Datalist ids the builder renders once. */
export const LISTS = { events: 'ls-events', eventProps: 'ls-event-props', profileProps: 'ls-profile-props', zones: 'ls-zones' } as const;

/** DOM id of the control for a path ("trigger.where[0].prop" → "f-trigger-where-0-prop"). */
export const fieldId = (path: string): string => `f-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;

/** The error line under a control (absent when there is none). */
export function errorLine(ctx: FieldContext, path: string): TemplateResult | typeof nothing {
  const errs = ctx.errors(path);
  if (errs.length === 0) return nothing;
  return html`<p class="error" id=${`${fieldId(path)}-error`} data-error-for=${path}>${icons.alert}<span>${errs.join('; ')}</span></p>`;
}

const describedBy = (ctx: FieldContext, path: string, hint?: string): string | undefined => {
  const ids = [hint ? `${fieldId(path)}-hint` : '', ctx.errors(path).length ? `${fieldId(path)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
};

export interface TextOptions {
  path: string;
  label: string;
  value: string;
  set: (v: string) => void;
  placeholder?: string;
  hint?: string;
  list?: string;
  type?: 'text' | 'number' | 'time';
  /** Keep the label for screen readers only (rows of small controls). */
  hideLabel?: boolean;
  min?: number;
  className?: string;
}

/** A labelled text input with hint and error line. */
export function textField(ctx: FieldContext, o: TextOptions): TemplateResult {
  const id = fieldId(o.path);
  const invalid = ctx.errors(o.path).length > 0;
  return html`<div class="field ${o.className ?? ''}">
    <label for=${id} class=${o.hideLabel ? 'sr-only' : ''}>${o.label}</label>
    <input id=${id} data-path=${o.path} type=${o.type ?? 'text'} .value=${o.value} placeholder=${ifDefined(o.placeholder)}
      list=${ifDefined(o.list)} min=${ifDefined(o.min)} autocomplete="off" aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(ctx, o.path, o.hint))}
      @input=${(e: Event) => {
        o.set((e.target as HTMLInputElement).value);
        ctx.changed(o.path);
      }} />
    ${o.hint ? html`<p class="hint" id=${`${id}-hint`}>${o.hint}</p>` : nothing}
    ${errorLine(ctx, o.path)}
  </div>`;
}

/** A select whose options are `[value, label]` pairs. */
export function selectControl<T extends string>(
  ctx: FieldContext,
  o: {
    path: string;
    label: string;
    value: T;
    options: ReadonlyArray<readonly [T, string]>;
    set: (v: T) => void;
    id?: string;
  },
): TemplateResult {
  return html`<select id=${o.id ?? fieldId(o.path)} data-path=${o.path} aria-label=${o.label}
    aria-invalid=${ctx.errors(o.path).length ? 'true' : 'false'}
    @change=${(e: Event) => {
      o.set((e.target as HTMLSelectElement).value as T);
      ctx.changed(o.path);
    }}>
    ${o.options.map(([v, l]) => html`<option value=${v} ?selected=${v === o.value}>${l}</option>`)}
  </select>`;
}

/** Amount and unit side by side ("10" "minutes"), bound to one duration path. */
export function durationField(
  ctx: FieldContext,
  o: {
    path: string;
    label: string;
    value: DurationDraft;
    hint?: string;
    hideLabel?: boolean;
    units?: readonly Unit[];
  },
): TemplateResult {
  const id = fieldId(o.path);
  const units = UNITS.filter((u) => !o.units || o.units.includes(u.unit));
  return html`<div class="field duration" role="group" aria-labelledby=${`${id}-label`}>
    <span class="label ${o.hideLabel ? 'sr-only' : ''}" id=${`${id}-label`}>${o.label}</span>
    <div class="pair">
      <input id=${id} data-path=${o.path} type="number" inputmode="numeric" min="1" step="1" .value=${o.value.amount}
        aria-label=${`${o.label}: amount`} aria-invalid=${ctx.errors(o.path).length ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy(ctx, o.path, o.hint))}
        @input=${(e: Event) => {
          o.value.amount = (e.target as HTMLInputElement).value;
          ctx.changed(o.path);
        }} />
      <select data-path=${o.path} aria-label=${`${o.label}: unit`}
        @change=${(e: Event) => {
          o.value.unit = (e.target as HTMLSelectElement).value as Unit;
          ctx.changed(o.path);
        }}>
        ${units.map((u) => html`<option value=${u.unit} ?selected=${u.unit === o.value.unit}>${u.label}</option>`)}
      </select>
    </div>
    ${o.hint ? html`<p class="hint" id=${`${id}-hint`}>${o.hint}</p>` : nothing}
    ${errorLine(ctx, o.path)}
  </div>`;
}

const URL_OPS: ReadonlyArray<readonly [UrlMatchOp, string]> = [
  ['contains', 'contains'],
  ['starts_with', 'starts with'],
  ['equals', 'is exactly'],
  ['regex', 'matches regex'],
];

/** URL match: how to match (select) and what (text), bound to `<path>.op` and `<path>.value`. */
export function urlMatchField(
  ctx: FieldContext,
  o: { path: string; label: string; value: UrlMatchDraft; placeholder: string; hint?: string },
): TemplateResult {
  const id = fieldId(`${o.path}.value`);
  return html`<div class="field" role="group" aria-labelledby=${`${fieldId(o.path)}-label`}>
    <span class="label" id=${`${fieldId(o.path)}-label`}>${o.label}</span>
    <div class="pair url">
      ${selectControl(ctx, {
        path: `${o.path}.op`,
        label: `${o.label}: match type`,
        value: o.value.op,
        options: URL_OPS,
        set: (v) => {
          o.value.op = v;
        },
      })}
      <input id=${id} data-path=${`${o.path}.value`} .value=${o.value.value} placeholder=${o.placeholder} autocomplete="off"
        aria-label=${`${o.label}: ${o.value.op === 'regex' ? 'pattern' : 'URL text'}`}
        aria-invalid=${ctx.errors(`${o.path}.value`).length ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy(ctx, `${o.path}.value`, o.hint))}
        @input=${(e: Event) => {
          o.value.value = (e.target as HTMLInputElement).value;
          ctx.changed(`${o.path}.value`);
        }} />
    </div>
    ${o.hint ? html`<p class="hint" id=${`${id}-hint`}>${o.hint}</p>` : nothing}
    ${errorLine(ctx, o.path)}${errorLine(ctx, `${o.path}.op`)}${errorLine(ctx, `${o.path}.value`)}
  </div>`;
}

/** Error-summary names of a URL match's paths (see `urlMatchField`). */
export const urlMatchPaths = (path: string, label: string): Record<string, string> => ({
  [path]: label,
  [`${path}.op`]: `${label} match type`,
  [`${path}.value`]: label,
});

/** A labelled checkbox that reveals or switches part of the form. */
export function checkbox(
  ctx: FieldContext,
  o: { path: string; label: string; checked: boolean; set: (v: boolean) => void; hint?: string },
): TemplateResult {
  const id = `${fieldId(o.path)}-toggle`;
  return html`<div class="check">
    <input type="checkbox" id=${id} .checked=${o.checked}
      @change=${(e: Event) => {
        o.set((e.target as HTMLInputElement).checked);
        ctx.changed(o.path);
      }} />
    <label for=${id}>${o.label}${o.hint ? html` <span class="hint">${o.hint}</span>` : nothing}</label>
  </div>`;
}

/** Operators of conditions with the words people use. */
export const CONDITION_OPS: ReadonlyArray<readonly [ConditionOp, string]> = [
  ['eq', 'equals'],
  ['neq', 'does not equal'],
  ['gt', 'greater than'],
  ['gte', 'at least'],
  ['lt', 'less than'],
  ['lte', 'at most'],
  ['contains', 'contains'],
  ['starts_with', 'starts with'],
  ['in', 'is one of'],
  ['exists', 'is set'],
  ['not_exists', 'is not set'],
];

/**
 * Editable "where" rows (property, operator, value) bound to `<path>[i].prop|op|value`, with an
 * add button. `noun` names the rows for screen readers ("event condition", "profile filter").
 */
export function conditionRows(
  ctx: FieldContext,
  o: {
    path: string;
    rows: ConditionDraft[];
    propList: string;
    noun: string;
    addLabel: string;
    placeholder?: string;
  },
): TemplateResult {
  return html`<div class="conditions">
    ${o.rows.length ? html`<span class="with" aria-hidden="true">${o.rows.length === 1 ? 'where' : 'where all of'}</span>` : nothing}
    ${o.rows.map((row, i) => {
      const p = `${o.path}[${i}]`;
      const needsValue = row.op !== 'exists' && row.op !== 'not_exists';
      return html`<div class="condition" role="group" aria-label=${`${o.noun} ${i + 1}`}>
        <div class="condition-controls">
          ${textField(ctx, {
            path: `${p}.prop`,
            label: `${o.noun} ${i + 1}: property`,
            hideLabel: true,
            value: row.prop,
            set: (v) => {
              row.prop = v;
            },
            placeholder: o.placeholder ?? 'property',
            list: o.propList,
          })}
          <div class="field">${selectControl(ctx, {
            path: `${p}.op`,
            label: `${o.noun} ${i + 1}: operator`,
            value: row.op,
            options: CONDITION_OPS,
            set: (v) => {
              row.op = v;
            },
          })}${errorLine(ctx, `${p}.op`)}</div>
          ${
            needsValue
              ? textField(ctx, {
                  path: `${p}.value`,
                  label: `${o.noun} ${i + 1}: value`,
                  hideLabel: true,
                  value: row.value,
                  set: (v) => {
                    row.value = v;
                  },
                  placeholder: row.op === 'in' ? 'a, b, c' : 'value',
                })
              : html`<span aria-hidden="true"></span>`
          }
          <button type="button" class="btn icon ghost" aria-label=${`Remove ${o.noun} ${i + 1}`}
            @click=${() => {
              o.rows.splice(i, 1);
              ctx.changed(o.path);
            }}>${icons.close}</button>
        </div>
        ${errorLine(ctx, p)}
      </div>`;
    })}
    ${errorLine(ctx, o.path)}
    <button type="button" class="btn small ghost add" @click=${() => {
      o.rows.push(newCondition());
      ctx.changed(o.path);
    }}>
      ${icons.plus}${o.addLabel}</button>
  </div>`;
}
