/** `page_visit`: the user enters at a page view whose URL matches. */
import { parseUrlMatch } from '../definition/url-match.ts';
import { urlClause } from '../definition/phrases.ts';
import { at } from '../definition/validate.ts';
import { pageMatchRegion, type PageView } from '../rules/page.ts';
import { fieldsOf, schemaRef } from './schema.ts';
import type { KindSpec, TriggerSchema } from './types.ts';

const schema: TriggerSchema = { properties: { url: schemaRef('UrlMatch') }, required: ['url'] };
const pick = (view: PageView): string | undefined => view.url;

/** The page_visit kind. */
export const pageVisit: KindSpec<'page_visit'> = {
  kind: 'page_visit',
  fields: fieldsOf(schema),
  schema,
  profileDriven: false,
  parse: (v, path, out) => ({ kind: 'page_visit', url: parseUrlMatch(v.url, at(path, 'url'), out)! }),
  describe: (t) => `who visited a page ${urlClause(t.url)}`,
  region: (t, seg, env) => pageMatchRegion(seg, env, t.url, pick),
};
