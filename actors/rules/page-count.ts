import { assign } from 'xstate';
import { compileNormalisedUrlMatch, parseDuration } from '../definition/index.ts';
import type { PageCountTrigger } from '../types.ts';
import { admission, patch } from './enter.ts';
import { pageOf } from './page.ts';
import { PAGE_VIEW_NAME, type Args, type RegionBuilder, type SegState } from './types.ts';

/**
 * The count after one more matching view, and whether this view brought it to exactly `count`.
 * Views are counted from the segment's creation (ts ≥ createdAt) and since the user's last entry;
 * with `within`, only views with ts in (view.ts − within, view.ts]; with `distinct`, distinct URLs.
 * State stays bounded: at most `count` views (the most recent by ts) are kept.
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
  if (views.length > t.count) views = views.slice(-t.count);
  return { next: { pv: views }, reached };
}

/** `page_count`: the user enters at the page view that brings the count of matching views to `count`. */
export const pageCountRegion: RegionBuilder = (seg, env) => {
  const t = seg.definition.trigger as PageCountTrigger;
  const id = seg.id;
  const within = t.within ? parseDuration(t.within) : undefined;
  const match = t.url ? compileNormalisedUrlMatch(t.url) : () => true;
  const admit = admission(seg);
  const counts = ({ event }: Args) => {
    const url = pageOf(event.ev!).url;
    return url !== undefined && event.ev!.ts >= seg.createdAt && match(url);
  };
  const count = assign(({ context, event }: Args) => {
    const ev = event.ev!;
    const { next, reached } = countView(context.s[id], t, within, ev.ts, pageOf(ev).hash);
    if (reached && admit(context, event, ev.ts)) {
      // An entry restarts the count: re-entry needs `count` new views.
      const n = (context.s[id]?.n ?? 0) + 1;
      return { s: patch(context, id, { n, at: event.now, ev: ev.id, pv: undefined, k: undefined }) };
    }
    return { s: patch(context, id, next) };
  });
  return {
    initial: 'idle',
    states: { idle: { on: { [env.typeFor(PAGE_VIEW_NAME)]: { guard: counts, actions: count } } } },
  };
};
