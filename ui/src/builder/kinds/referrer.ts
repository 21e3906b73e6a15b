/** Referrer entry: users arrive on the site from a matching external site. */
import { svg } from 'lit';
import { icon } from '../../lib/icons.ts';
import { urlMatchField, urlMatchPaths } from '../fields.ts';
import { type UrlMatchDraft, urlMatchDraft, urlMatchJson } from '../values.ts';
import { defineKind } from './types.ts';

/** The form of a referrer segment. */
export interface ReferrerDraft {
  referrer: UrlMatchDraft;
}

const defaults = (): ReferrerDraft => ({ referrer: { op: 'contains', value: '' } });

/** The referrer kind in the builder. */
export const referrer = defineKind({
  kind: 'referrer',
  label: 'Referrer entry',
  blurb: 'Users arrive on your site from a matching external site.',
  example: 'Users who arrived from Google',
  icon: icon(svg`<path d="M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1"/><path d="M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1"/>`),
  color: { strong: '#c11574', soft: '#fdf2fa' },
  paths: urlMatchPaths('trigger.referrer', 'Referrer URL'),
  defaults,
  toTrigger: (d) => ({ kind: 'referrer', referrer: urlMatchJson(d.referrer) }),
  fromTrigger: (t) => ({ referrer: urlMatchDraft(t.referrer, defaults().referrer) }),
  fields: (ctx, d) =>
    urlMatchField(ctx, {
      path: 'trigger.referrer',
      label: 'Referrer URL',
      value: d.referrer,
      placeholder: 'google.',
      hint: 'Only external referrers count: the referring site’s host differs from the page’s.',
    }),
  suggestName: (d) => (d.referrer.value.trim() ? `Arrived from ${d.referrer.value.trim()}` : ''),
});
