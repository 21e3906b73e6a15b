/** `page_count`: the user enters at the page view that brings the count of matching views to `count`. */
import { parseDuration } from '../definition/duration.ts';
import { MAX_PAGE_COUNT } from '../definition/limits.ts';
import { dur, urlClause } from '../definition/phrases.ts';
import { compileNormalisedUrlMatch } from '../definition/url.ts';
import { parseUrlMatch } from '../definition/url-match.ts';
import { at, checkDuration, MAX_WINDOW_MS } from '../definition/validate.ts';
import { admission, patch } from '../rules/enter.ts';
import { pageOf } from '../rules/page.ts';
import { PAGE_VIEW_NAME, type Args, type SegState, type Update } from '../rules/types.ts';
import type { PageCountTrigger } from '../types.ts';
import { DURATION_SCHEMA, fieldsOf, schemaRef } from './schema.ts';
import type { KindSpec, TriggerSchema } from './types.ts';

const schema: TriggerSchema = {
  properties: {
    count: { type: 'integer', minimum: 1, maximum: MAX_PAGE_COUNT },
    within: DURATION_SCHEMA,
    url: schemaRef('UrlMatch'),
    distinct: { type: 'boolean' },
  },
  required: ['count'],
};

/**
 * The count after one more matching view, and whether this view brought it to exactly `count`.
 * Views are counted from the segment's creation (ts ≥ createdAt) and since the user's last entry;
 * with `within`, only views with ts in (view.ts − within, view.ts]; with `distinct`, distinct URLs.
 * State stays bounded: at most `count` views (the most recent by ts) are kept, and never more than
 * MAX_PAGE_COUNT, even for a definition stored before that cap (it then cannot be reached with
 * `within` or `distinct`; docs/formats.md, "Limits").
 */
export function countView(
  st: SegState | undefined,
  t: PageCountTrigger,
  within: number | undefined,
  ts: number,
  urlHash: number,
): { next: Partial<SegState>; reached: boolean } {
  if (within === undefined && !t.distinct) {
    const k = (st?.k ?? 0) + 1;
    return { next: { k }, reached: k === t.count };
  }
  let views = st?.pv ?? [];
  if (within !== undefined) views = views.filter(([at]) => at > ts - within && at <= ts);
  let reached = false;
  const same = t.distinct ? views.findIndex(([, h]) => h === urlHash) : -1;
  if (same >= 0) {
    views = views.map((v, i): [number, number] => (i === same ? [Math.max(v[0], ts), v[1]] : v));
  } else {
    const inOrder = views.length === 0 || views[views.length - 1][0] <= ts;
    views = [...views, [ts, urlHash]];
    reached = views.length === t.count;
    if (!inOrder) views.sort((a, b) => a[0] - b[0]);
  }
  if (same >= 0) views.sort((a, b) => a[0] - b[0]);
  const keep = Math.min(t.count, MAX_PAGE_COUNT);
  if (views.length > keep) views = views.slice(-keep);
  return { next: { pv: views }, reached };
}

function describe(t: PageCountTrigger): string {
  const noun = t.distinct ? (t.count === 1 ? 'distinct page' : 'distinct pages') : t.count === 1 ? 'page' : 'pages';
  const url = t.url === undefined ? '' : ` ${urlClause(t.url)}`;
  const window = t.within === undefined ? ' since the segment was created' : ` within ${dur(t.within)}`;
  return `who viewed ${t.count} ${noun}${url}${window}`;
}

/** The page_count kind. */
export const pageCount: KindSpec<'page_count'> = {
  kind: 'page_count',
  fields: fieldsOf(schema),
  schema,
  profileDriven: false,
  parse(v, path, out) {
    const count = v.count;
    if (count === undefined) out.push({ path: at(path, 'count'), message: 'is required' });
    else if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_PAGE_COUNT) {
      out.push({ path: at(path, 'count'), message: `must be an integer from 1 to ${MAX_PAGE_COUNT}` });
    }
    const t: PageCountTrigger = { kind: 'page_count', count: count as number };
    if (v.within !== undefined) t.within = checkDuration(v.within, at(path, 'within'), out, { positive: true, max: MAX_WINDOW_MS });
    if (v.url !== undefined) t.url = parseUrlMatch(v.url, at(path, 'url'), out);
    if (v.distinct !== undefined) {
      if (typeof v.distinct === 'boolean') t.distinct = v.distinct;
      else out.push({ path: at(path, 'distinct'), message: 'must be true or false' });
    }
    return t;
  },
  describe,
  region: (t, seg, env) => {
    const id = seg.id;
    const within = t.within ? parseDuration(t.within) : undefined;
    const match = t.url ? compileNormalisedUrlMatch(t.url) : () => true;
    const admit = admission(seg);
    const counts = ({ event }: Args) => {
      const url = pageOf(event.ev!).url;
      return url !== undefined && event.ev!.ts >= seg.createdAt && match(url);
    };
    const count: Update = ({ context, event }) => {
      const ev = event.ev!;
      const { next, reached } = countView(context.s[id], t, within, ev.ts, pageOf(ev).hash);
      if (reached && admit(context, event, ev.ts)) {
        // An entry restarts the count: re-entry needs `count` new views.
        const n = (context.s[id]?.n ?? 0) + 1;
        return { s: patch(context, id, { n, at: event.now, ev: ev.id, pv: undefined, k: undefined }) };
      }
      return { s: patch(context, id, next) };
    };
    return {
      initial: 'idle',
      states: { idle: { on: { [env.typeFor(PAGE_VIEW_NAME)]: { guard: counts, update: count } } } },
    };
  },
};
