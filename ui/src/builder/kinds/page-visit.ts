/** Page visit: users qualify when they view a matching URL. */
import { svg } from 'lit';
import { icon } from '../../lib/icons.ts';
import { urlMatchField, urlMatchPaths } from '../fields.ts';
import { type UrlMatchDraft, urlMatchDraft, urlMatchJson } from '../values.ts';
import { defineKind } from './types.ts';

/** The form of a page-visit segment. */
export interface PageVisitDraft {
  url: UrlMatchDraft;
}

const defaults = (): PageVisitDraft => ({ url: { op: 'contains', value: '' } });

/** The page-visit kind in the builder. */
export const pageVisit = defineKind({
  kind: 'page_visit',
  label: 'Page visit',
  blurb: 'Users qualify when they view a matching URL.',
  example: 'Users who visited the pricing page',
  icon: icon(svg`<rect x="3" y="4" width="18" height="16" rx="2"/><path d="M3 9h18M7 6.5h.01M10 6.5h.01"/>`),
  color: { strong: '#026aa2', soft: '#f0f9ff' },
  paths: urlMatchPaths('trigger.url', 'Page URL'),
  defaults,
  toTrigger: (d) => ({ kind: 'page_visit', url: urlMatchJson(d.url) }),
  fromTrigger: (t) => ({ url: urlMatchDraft(t.url, defaults().url) }),
  fields: (ctx, d) =>
    urlMatchField(ctx, {
      path: 'trigger.url',
      label: 'Page URL',
      value: d.url,
      placeholder: '/pricing',
      hint: 'Matched against the full URL with scheme and host lower-cased and the #fragment dropped.',
    }),
  suggestName: (d) => (d.url.value.trim() ? `Visited ${d.url.value.trim()}` : ''),
});
