/** Page count: users view a number of pages, optionally within a window. */
import { html, nothing, svg } from 'lit';
import { icon } from '../../lib/icons.ts';
import { checkbox, durationField, textField, urlMatchField, urlMatchPaths } from '../fields.ts';
import {
  countValue,
  type DurationDraft,
  durationText,
  durationWords,
  parseDurationDraft,
  type UrlMatchDraft,
  urlMatchDraft,
  urlMatchJson,
} from '../values.ts';
import { defineKind } from './types.ts';

/** The form of a page-count segment. */
export interface PageCountDraft {
  count: string;
  distinct: boolean;
  /** Count only pages whose URL matches `url`. */
  useUrl: boolean;
  url: UrlMatchDraft;
  /** Count in a rolling window rather than since the segment was created. */
  useWithin: boolean;
  within: DurationDraft;
}

const defaults = (): PageCountDraft => ({
  count: '5',
  distinct: false,
  useUrl: false,
  url: { op: 'starts_with', value: '' },
  useWithin: false,
  within: { amount: '10', unit: 'm' },
});

/** The page-count kind in the builder. */
export const pageCount = defineKind({
  kind: 'page_count',
  label: 'Page count',
  blurb: 'Users view a number of pages, optionally within a window.',
  example: 'Users who viewed 5 product pages in 10 minutes',
  icon: icon(svg`<path d="m12 3 9 5-9 5-9-5 9-5z"/><path d="m3 13 9 5 9-5"/>`),
  color: { strong: '#6941c6', soft: '#f4f3ff' },
  paths: {
    'trigger.count': 'Number of page views',
    'trigger.distinct': 'Distinct pages',
    'trigger.within': 'Window',
    ...urlMatchPaths('trigger.url', 'Page URL'),
  },
  defaults,
  toTrigger: (d) => {
    const t: Record<string, unknown> = { kind: 'page_count', count: countValue(d.count) };
    if (d.useWithin) t.within = durationText(d.within);
    if (d.useUrl) t.url = urlMatchJson(d.url);
    if (d.distinct) t.distinct = true;
    return t;
  },
  fromTrigger: (t) => {
    const d = defaults();
    return {
      count: String(t.count ?? ''),
      distinct: t.distinct === true,
      useUrl: t.url !== undefined,
      url: urlMatchDraft(t.url, d.url),
      useWithin: t.within !== undefined,
      within: t.within ? parseDurationDraft(t.within) : d.within,
    };
  },
  fields: (ctx, d) => html`
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
      checked: d.useUrl,
      set: (v) => {
        d.useUrl = v;
      },
    })}
    ${
      d.useUrl
        ? urlMatchField(ctx, { path: 'trigger.url', label: 'Page URL', value: d.url, placeholder: 'https://shop.example.com/products/' })
        : nothing
    }
    ${checkbox(ctx, {
      path: 'trigger.within',
      label: 'Within a rolling window',
      checked: d.useWithin,
      set: (v) => {
        d.useWithin = v;
      },
      hint: d.useWithin ? '' : '(otherwise counted since the segment was created)',
    })}
    ${d.useWithin ? durationField(ctx, { path: 'trigger.within', label: 'Window', value: d.within }) : nothing}`,
  suggestName: (d) => {
    const n = d.count.trim();
    if (!/^\d+$/.test(n)) return '';
    const within = d.useWithin ? durationWords(d.within) : '';
    return `Viewed ${n} ${d.distinct ? 'distinct ' : ''}page${n === '1' ? '' : 's'}${within ? ` in ${within}` : ''}`;
  },
});
