import { assign } from 'xstate';
import { matchAll, parseDuration } from '../definition/index.ts';
import type { Segment } from '../types.ts';
import type { StepEvent, UserContext } from './types.ts';

/** The assign action that records one entry of `segmentId` in the user's context. */
export function enter(segmentId: string) {
  return assign(({ context, event }: { context: UserContext; event: StepEvent }) => {
    const prev = context.s[segmentId];
    return {
      s: { ...context.s, [segmentId]: { ...prev, n: (prev?.n ?? 0) + 1, at: event.now, ev: event.ev?.id } },
    };
  });
}

/**
 * The checks every trigger makes when it fires: re-entry rules and the segment's filters.
 * Returns a predicate over the machine's context and event.
 */
export function admission(seg: Segment): (context: UserContext, event: StepEvent) => boolean {
  const d = seg.definition;
  const every = d.reentry === 'every';
  const cooldown = d.cooldown ? parseDuration(d.cooldown) ?? 0 : 0;
  const profileFilters = d.filters?.profile;
  return (context, event) => {
    const st = context.s[seg.id];
    if (st && st.n > 0) {
      if (!every) return false;
      if (cooldown > 0 && st.at !== undefined && event.now - st.at < cooldown) return false;
    }
    return matchAll(profileFilters, event.profile.props);
  };
}
