/** "Filter on past user behavior and common properties": past action, past inaction and profile rows. */
import { html, nothing, type TemplateResult } from 'lit';
import { icons } from '../lib/icons.ts';
import { type Draft, newPast, type PastDraft } from './draft.ts';
import { conditionRows, durationField, errorLine, type FieldContext, LISTS, selectControl, textField } from './fields.ts';

const COUNT_OPS: ReadonlyArray<readonly [PastDraft['countOp'], string]> = [
  ['gte', 'at least'],
  ['gt', 'more than'],
  ['eq', 'exactly'],
  ['lte', 'at most'],
  ['lt', 'fewer than'],
  ['neq', 'not exactly'],
];

function pastRow(ctx: FieldContext, d: Draft, p: PastDraft, i: number): TemplateResult {
  const path = `filters.past[${i}]`;
  const n = i + 1;
  const eventPath = `${path}.${p.type === 'did' ? 'did' : 'didNot'}`;
  return html`<div class="filter-row" role="group" aria-label=${`Past behaviour filter ${n}`}>
    <div class="filter-line">
      ${selectControl(ctx, {
        path,
        id: `past-${i}-type`,
        label: `Past behaviour filter ${n}: did or did not`,
        value: p.type,
        options: [
          ['did', 'Did'],
          ['didNot', 'Did not do'],
        ],
        set: (v) => {
          p.type = v;
        },
      })}
      ${textField(ctx, {
        path: eventPath,
        label: `Past behaviour filter ${n}: event`,
        hideLabel: true,
        value: p.event,
        set: (v) => {
          p.event = v;
        },
        list: LISTS.events,
        placeholder: 'Event name',
        className: 'grow',
      })}
      <button type="button" class="btn icon ghost" aria-label=${`Remove past behaviour filter ${n}`}
        @click=${() => {
          d.past.splice(i, 1);
          ctx.changed('filters.past');
        }}>${icons.close}</button>
    </div>
    <div class="filter-line">
      ${
        p.type === 'did'
          ? html`
        <div class="field">${selectControl(ctx, {
          path: `${path}.count.op`,
          label: `Past behaviour filter ${n}: how often`,
          value: p.countOp,
          options: COUNT_OPS,
          set: (v) => {
            p.countOp = v;
          },
        })}${errorLine(ctx, `${path}.count.op`)}</div>
        ${textField(ctx, {
          path: `${path}.count.value`,
          label: `Past behaviour filter ${n}: times`,
          hideLabel: true,
          type: 'number',
          min: 0,
          value: p.count,
          set: (v) => {
            p.count = v;
          },
          className: 'times',
        })}
        <span class="word">times</span>`
          : nothing
      }
      <span class="word">in the last</span>
      ${durationField(ctx, { path: `${path}.inLast`, label: `Past behaviour filter ${n}: in the last`, hideLabel: true, value: p.inLast })}
    </div>
    ${errorLine(ctx, `${path}.count`)}
    ${conditionRows(ctx, {
      path: `${path}.where`,
      rows: p.where,
      propList: LISTS.eventProps,
      noun: `Filter ${n} event condition`,
      addLabel: 'Add property condition',
      placeholder: 'event property',
    })}
    ${errorLine(ctx, path)}
  </div>`;
}

/** The filter section's rows and add buttons (shown when the filter box is ticked). */
export function filterFields(ctx: FieldContext, d: Draft): TemplateResult {
  const add = (type: PastDraft['type']) => () => {
    d.past.push(newPast(type));
    ctx.changed('filters.past');
  };
  return html`
    <div class="filter-group">
      <h3>Past behaviour</h3>
      <p class="hint">Counted over events the engine saw since the segment was created, including the qualifying one.</p>
      ${d.past.map((p, i) => pastRow(ctx, d, p, i))}
      ${errorLine(ctx, 'filters.past')}
      <div class="adds">
        <button type="button" class="btn small" @click=${add('did')}>${icons.plus}Past action</button>
        <button type="button" class="btn small" @click=${add('didNot')}>${icons.plus}Past inaction</button>
      </div>
    </div>
    <div class="filter-group">
      <h3>Profile properties</h3>
      ${conditionRows(ctx, {
        path: 'filters.profile',
        rows: d.profile,
        propList: LISTS.profileProps,
        noun: 'Profile filter',
        addLabel: 'Profile property',
        placeholder: 'profile property, e.g. city',
      })}
    </div>
    ${errorLine(ctx, 'filters')}`;
}
