import { matchAll } from '../definition/condition.ts';
import { parseDuration } from '../definition/duration.ts';
import type { Segment } from '../types.ts';
import { filterKey, pastFilterHolds } from './history.ts';
import type { Args, SegState, StepEvent, Update, UserContext } from './types.ts';

/** Replaces a segment's state in the context (the one way regions write their state). */
export const patch = (context: UserContext, id: string, next: Partial<SegState>): UserContext['s'] => {
  const prev = context.s[id] ?? { n: 0 };
  return { ...context.s, [id]: { ...prev, ...next } };
};

/** The update that records one entry of `segmentId`, caused by `cause(event)`. */
export function enter(segmentId: string, cause: (a: Args) => string | undefined = ({ event }) => event.ev?.id): Update {
  return (a) => {
    const prev = a.context.s[segmentId];
    return { s: patch(a.context, segmentId, { n: (prev?.n ?? 0) + 1, at: a.event.now, ev: cause(a) }) };
  };
}

/** Admission test: re-entry rules and the segment's filters, at the qualification `instant`. */
export type Admission = (context: UserContext, event: StepEvent, instant: number) => boolean;

/** The checks every trigger makes when it fires: re-entry, cooldown, profile and past filters. */
export function admission(seg: Segment): Admission {
  const d = seg.definition;
  const every = d.reentry === 'every';
  const cooldown = d.cooldown ? (parseDuration(d.cooldown) ?? 0) : 0;
  const profileFilters = d.filters?.profile;
  const past = (d.filters?.past ?? []).map((f, i) => ({ f, key: filterKey(seg.id, i) }));
  return (context, event, instant) => {
    const st = context.s[seg.id];
    if (st && st.n > 0) {
      if (!every) return false;
      if (cooldown > 0 && st.at !== undefined && event.now - st.at < cooldown) return false;
    }
    if (!matchAll(profileFilters, event.profile.props)) return false;
    for (const { f, key } of past) if (!pastFilterHolds(f, key, event.history, instant)) return false;
    return true;
  };
}
