/** `referrer`: the user enters at a page view from an external referrer that matches. */
import { parseUrlMatch } from '../definition/url-match.ts';
import { urlClause } from '../definition/phrases.ts';
import { at } from '../definition/validate.ts';
import { pageMatchRegion, type PageView } from '../rules/page.ts';
import { fieldsOf, schemaRef } from './schema.ts';
import type { KindSpec, TriggerSchema } from './types.ts';

const schema: TriggerSchema = { properties: { referrer: schemaRef('UrlMatch') }, required: ['referrer'] };
const pick = (view: PageView): string | undefined => view.referrer;

/** The referrer kind. */
export const referrer: KindSpec<'referrer'> = {
  kind: 'referrer',
  fields: fieldsOf(schema),
  schema,
  profileDriven: false,
  parse: (v, path, out) => ({ kind: 'referrer', referrer: parseUrlMatch(v.referrer, at(path, 'referrer'), out)! }),
  describe: (t) => `who arrived from an external site ${urlClause(t.referrer)}`,
  region: (t, seg, env) => pageMatchRegion(seg, env, t.referrer, pick),
};
