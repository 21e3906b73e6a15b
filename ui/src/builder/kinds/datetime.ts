/** On a date/time: users qualify at a time relative to a date in their profile. */
import { html, nothing, svg } from 'lit';
import { icon } from '../../lib/icons.ts';
import { checkbox, durationField, LISTS, selectControl, textField } from '../fields.ts';
import { type DurationDraft, durationText, durationWords, parseDurationDraft, text } from '../values.ts';
import { defineKind } from './types.ts';

/** The form of a date/time segment. */
export interface DatetimeDraft {
  property: string;
  offset: DurationDraft;
  /** Where the offset points; "at" hides the amount and stores a zero offset. */
  offsetDir: 'before' | 'after' | 'at';
  useAt: boolean;
  at: string;
  timezone: string;
}

const defaults = (): DatetimeDraft => ({
  property: '',
  offset: { amount: '5', unit: 'd' },
  offsetDir: 'before',
  useAt: false,
  at: '10:00',
  timezone: '',
});

const zones = (): string[] => (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];

/** The date/time kind in the builder. */
export const datetime = defineKind({
  kind: 'datetime',
  label: 'On a date/time',
  blurb: 'Users qualify at a time relative to a date in their profile.',
  example: 'Users who have an appointment five days from today',
  icon: icon(svg`<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M16 3v4M8 3v4M3 10h18"/><path d="M9 15h2v2"/>`),
  color: { strong: '#0e7490', soft: '#ecfeff' },
  paths: {
    'trigger.property': 'Profile date property',
    'trigger.offset': 'Offset',
    'trigger.at': 'Local time',
    'trigger.timezone': 'Fallback time zone',
  },
  defaults,
  toTrigger: (d) => {
    const amount = durationText(d.offset);
    const offset = d.offsetDir === 'at' ? '0s' : d.offsetDir === 'before' && amount ? `-${amount}` : amount;
    const t: Record<string, unknown> = { kind: 'datetime', property: text(d.property), offset };
    if (d.useAt) t.at = d.at;
    if (d.timezone.trim()) t.timezone = d.timezone.trim();
    return t;
  },
  fromTrigger: (t) => {
    const d = defaults();
    const offset = t.offset ?? '';
    d.property = t.property ?? '';
    d.offsetDir = offset.startsWith('-') ? 'before' : /^0+[smhd]$/.test(offset) ? 'at' : 'after';
    if (d.offsetDir !== 'at') d.offset = parseDurationDraft(offset, 'd');
    d.useAt = t.at !== undefined;
    if (t.at) d.at = t.at;
    d.timezone = t.timezone ?? '';
    return d;
  },
  fields: (ctx, d) => html`
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
        ${
          d.offsetDir === 'at'
            ? nothing
            : durationField(ctx, { path: 'trigger.offset', label: 'Offset', hideLabel: true, value: d.offset, units: ['m', 'h', 'd'] })
        }
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
    </div>
    <datalist id=${LISTS.zones}>${zones().map((v) => html`<option value=${v}></option>`)}</datalist>`
        : nothing
    }`,
  suggestName: (d) => {
    const p = d.property.trim();
    if (!p) return '';
    const off = durationWords(d.offset);
    return d.offsetDir === 'at' || !off ? `At ${p}` : d.offsetDir === 'before' ? `${off} before ${p}` : `${off} after ${p}`;
  },
});
