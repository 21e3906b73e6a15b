/** The fields of each of the six trigger kinds, bound to `trigger.*` paths. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Draft } from './draft.ts';
import { conditionRows, durationField, errorLine, type FieldContext, fieldId, selectControl, textField, urlMatchField } from './fields.ts';

/** Datalist ids the builder renders once. */
export const LISTS = { events: 'ls-events', eventProps: 'ls-event-props', profileProps: 'ls-profile-props', zones: 'ls-zones' } as const;

const eventWhere = (ctx: FieldContext, path: string, rows: Draft['where'], noun: string) =>
  conditionRows(ctx, {
    path,
    rows,
    propList: LISTS.eventProps,
    noun,
    addLabel: 'Add property condition',
    placeholder: 'event property, e.g. price',
  });

function checkbox(ctx: FieldContext, o: { path: string; label: string; checked: boolean; set: (v: boolean) => void; hint?: string }) {
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

/** Fields of the chosen kind, or nothing before a kind is chosen. */
export function triggerFields(ctx: FieldContext, d: Draft): TemplateResult | typeof nothing {
  switch (d.kind) {
    case undefined:
      return nothing;
    case 'action':
      return html`
        ${textField(ctx, {
          path: 'trigger.event',
          label: 'User did',
          value: d.event,
          set: (v) => {
            d.event = v;
          },
          list: LISTS.events,
          placeholder: 'Event name, e.g. Added To Cart',
        })}
        ${eventWhere(ctx, 'trigger.where', d.where, 'Event condition')}`;
    case 'inaction':
      return html`
        <div class="step"><div class="grow">
          ${textField(ctx, {
            path: 'trigger.event',
            label: 'User did',
            value: d.event,
            set: (v) => {
              d.event = v;
            },
            list: LISTS.events,
            placeholder: 'Event name, e.g. Added To Cart',
          })}
          ${eventWhere(ctx, 'trigger.where', d.where, 'First event condition')}
        </div></div>
        <div class="step"><div class="grow">
          ${textField(ctx, {
            path: 'trigger.without.event',
            label: 'But did not do',
            value: d.withoutEvent,
            set: (v) => {
              d.withoutEvent = v;
            },
            list: LISTS.events,
            placeholder: 'Event name, e.g. Charged',
          })}
          ${eventWhere(ctx, 'trigger.without.where', d.withoutWhere, 'Missing event condition')}
          ${errorLine(ctx, 'trigger.without')}
        </div></div>
        <div class="step"><div class="grow">
          ${durationField(ctx, {
            path: 'trigger.within',
            label: 'Within',
            value: d.within,
            hint: 'Measured from the first event’s time. Most mobile purchases happen within 10 minutes.',
          })}
        </div></div>`;
    case 'datetime':
      return html`
        ${textField(ctx, {
          path: 'trigger.property',
          label: 'Profile date property',
          value: d.property,
          set: (v) => {
            d.property = v;
          },
          list: LISTS.profileProps,
          placeholder: 'e.g. appointment_at',
          hint: 'A date or date-time in the user profile (ISO 8601 or epoch milliseconds).',
        })}
        <div class="field" role="group" aria-labelledby="offset-label">
          <span class="label" id="offset-label">Qualify</span>
          <div class="row-inline">
            ${d.offsetDir === 'at' ? nothing : durationField(ctx, { path: 'trigger.offset', label: 'Offset', hideLabel: true, value: d.offset, units: ['m', 'h', 'd'] })}
            ${selectControl(ctx, {
              path: 'trigger.offset',
              id: 'offset-dir',
              label: 'Before, after or at the date',
              value: d.offsetDir,
              options: [
                ['before', 'before the date'],
                ['after', 'after the date'],
                ['at', 'at the date itself'],
              ],
              set: (v) => {
                d.offsetDir = v;
              },
            })}
          </div>
          <p class="hint">“Appointment five days from today” is 5 days before the date.</p>
        </div>
        ${checkbox(ctx, {
          path: 'trigger.at',
          label: 'At a specific local time on that day',
          checked: d.useAt,
          set: (v) => {
            d.useAt = v;
          },
        })}
        ${
          d.useAt
            ? html`<div class="grid-2">
          ${textField(ctx, {
            path: 'trigger.at',
            label: 'Local time',
            type: 'time',
            value: d.at,
            set: (v) => {
              d.at = v;
            },
          })}
          ${textField(ctx, {
            path: 'trigger.timezone',
            label: 'Fallback time zone',
            value: d.timezone,
            set: (v) => {
              d.timezone = v;
            },
            list: LISTS.zones,
            placeholder: 'UTC',
            hint: 'Used when a profile has no time zone.',
          })}
        </div>`
            : nothing
        }`;
    case 'page_visit':
      return urlMatchField(ctx, {
        path: 'trigger.url',
        label: 'Page URL',
        value: d.url,
        placeholder: '/pricing',
        hint: 'Matched against the full URL with scheme and host lower-cased and the #fragment dropped.',
      });
    case 'referrer':
      return urlMatchField(ctx, {
        path: 'trigger.referrer',
        label: 'Referrer URL',
        value: d.referrer,
        placeholder: 'google.',
        hint: 'Only external referrers count: the referring site’s host differs from the page’s.',
      });
    case 'page_count':
      return html`
        <div class="grid-2">
          ${textField(ctx, {
            path: 'trigger.count',
            label: 'Number of page views',
            type: 'number',
            min: 1,
            value: d.count,
            set: (v) => {
              d.count = v;
            },
          })}
        </div>
        ${checkbox(ctx, {
          path: 'trigger.distinct',
          label: 'Count distinct pages only',
          checked: d.distinct,
          set: (v) => {
            d.distinct = v;
          },
        })}
        ${checkbox(ctx, {
          path: 'trigger.url',
          label: 'Only pages whose URL matches',
          checked: d.useCountUrl,
          set: (v) => {
            d.useCountUrl = v;
          },
        })}
        ${d.useCountUrl ? urlMatchField(ctx, { path: 'trigger.url', label: 'Page URL', value: d.countUrl, placeholder: 'https://shop.example.com/products/' }) : nothing}
        ${checkbox(ctx, {
          path: 'trigger.within',
          label: 'Within a rolling window',
          checked: d.useCountWithin,
          set: (v) => {
            d.useCountWithin = v;
          },
          hint: d.useCountWithin ? '' : '(otherwise counted since the segment was created)',
        })}
        ${d.useCountWithin ? durationField(ctx, { path: 'trigger.within', label: 'Window', value: d.countWithin }) : nothing}`;
  }
}
