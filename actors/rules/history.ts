import { matchAll } from '../definition/condition.ts';
import { parseDuration } from '../definition/duration.ts';
import { MAX_PAST_COUNT } from '../definition/limits.ts';
import type { Condition, CountCondition, PastFilter, Segment } from '../types.ts';
import type { History } from './types.ts';

/** Records the events one past filter counts. */
export interface Tracker {
  key: string;
  where?: Condition[];
  /** Only this many most recent timestamps are kept (count threshold + 1 + slack). */
  cap: number;
  window: number;
}

/** Extra timestamps kept beyond the count threshold, so events arriving out of ts order still count. */
export const HISTORY_SLACK = 8;
/** How late (behind the newest) an event may arrive and still be counted. */
export const LATE_TOLERANCE_MS = 7 * 86_400_000;

/** Key of a segment's past filter in the user's history. */
export const filterKey = (segmentId: string, index: number): string => `${segmentId}#${index}`;

const DEFAULT_COUNT: CountCondition = { op: 'gte', value: 1 };

/** The trackers of a segment's past filters, by the event name they watch. */
export function trackersOf(seg: Segment): Array<[string, Tracker]> {
  return (seg.definition.filters?.past ?? []).map((f, i) => {
    const window = parseDuration(f.inLast) ?? 0;
    const key = filterKey(seg.id, i);
    if ('did' in f) {
      // Clamped for definitions stored before MAX_PAST_COUNT existed (docs/formats.md, "Limits").
      const count = Math.min((f.count ?? DEFAULT_COUNT).value, MAX_PAST_COUNT);
      return [f.did, { key, where: f.where, window, cap: count + 1 + HISTORY_SLACK }];
    }
    return [f.didNot, { key, where: f.where, window, cap: 1 + HISTORY_SLACK }];
  });
}

/** Adds an event's timestamp to every tracker it matches (kept sorted, pruned, bounded). */
export function record(history: History, trackers: readonly Tracker[], ts: number, props: Record<string, unknown>): boolean {
  let changed = false;
  for (const t of trackers) {
    if (!matchAll(t.where, props)) continue;
    const list = history[t.key] ?? (history[t.key] = []);
    let i = list.length;
    while (i > 0 && list[i - 1] > ts) i--;
    list.splice(i, 0, ts);
    const newest = list[list.length - 1];
    let drop = 0;
    while (drop < list.length && list[drop] <= newest - t.window - LATE_TOLERANCE_MS) drop++;
    drop = Math.max(drop, list.length - t.cap);
    if (drop > 0) list.splice(0, drop);
    changed = true;
  }
  return changed;
}

const compare = (op: CountCondition['op'], a: number, b: number): boolean => {
  switch (op) {
    case 'eq':
      return a === b;
    case 'neq':
      return a !== b;
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
  }
};

/** Whether past filter `index` of a segment holds at `instant`: events in (instant − inLast, instant]. */
export function pastFilterHolds(f: PastFilter, key: string, history: History, instant: number): boolean {
  const window = parseDuration(f.inLast) ?? 0;
  let count = 0;
  for (const ts of history[key] ?? []) if (ts > instant - window && ts <= instant) count++;
  if ('didNot' in f) return count === 0;
  const c = f.count ?? DEFAULT_COUNT;
  return compare(c.op, count, c.value);
}
