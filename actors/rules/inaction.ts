import { assign } from 'xstate';
import { matchAll, parseDuration } from '../definition/index.ts';
import type { InactionTrigger } from '../types.ts';
import { admission, enter, patch } from './enter.ts';
import { TIMER_DUE, type Args, type RegionBuilder } from './types.ts';

/** How many recent `without` timestamps a user keeps per segment, for arrivals out of ts order. */
export const RECENT_WITHOUT = 8;

/**
 * `inaction`: a matching `event` arms a window [ts, ts + within); a matching `without` event whose
 * ts falls inside it cancels it; if none has arrived when the window closes, the user qualifies.
 * A `without` at exactly ts + within is outside (too late); one before ts does not cancel.
 */
export const inactionRegion: RegionBuilder = (seg, env) => {
  const t = seg.definition.trigger as InactionTrigger;
  const id = seg.id;
  const within = parseDuration(t.within)!;
  const admit = admission(seg);
  const typeA = env.typeFor(t.event);
  const typeB = env.typeFor(t.without.event);
  const timer = env.uses(TIMER_DUE);
  const once = seg.definition.reentry !== 'every';

  const isA = ({ event }: Args) => matchAll(t.where, event.ev!.props);
  const isB = ({ event }: Args) => matchAll(t.without.where, event.ev!.props);
  // A without-event that arrived before the arming event but lies inside its window still counts.
  const cancelledEarly = ({ context, event }: Args) =>
    (context.s[id]?.b ?? []).some((ts) => ts >= event.ev!.ts && ts < event.ev!.ts + within);
  const mayEnter = ({ context }: Args) => !(once && (context.s[id]?.n ?? 0) > 0);
  const insideWindow = ({ context, event }: Args) => {
    const st = context.s[id];
    return st?.w !== undefined && event.ev!.ts >= st.w && event.ev!.ts < st.d!;
  };
  const due = ({ context, event }: Args) => event.now >= (context.s[id]?.d ?? Infinity);

  const recordB = assign(({ context, event }: Args) => {
    const b = [...(context.s[id]?.b ?? []), event.ev!.ts].sort((x, y) => x - y).slice(-RECENT_WITHOUT);
    return { s: patch(context, id, { b }) };
  });
  const arm = assign(({ context, event }: Args) =>
    ({ s: patch(context, id, { w: event.ev!.ts, d: event.ev!.ts + within, c: event.ev!.id }) }));
  const disarm = assign(({ context }: Args) => ({ s: patch(context, id, { w: undefined, d: undefined, c: undefined }) }));

  const armOnA = { guard: (a: Args) => isA(a) && mayEnter(a) && !cancelledEarly(a), target: 'pending', actions: arm };
  const idleOn: Record<string, unknown[]> = { [typeB]: [{ guard: isB, actions: recordB }] };
  (idleOn[typeA] ??= []).unshift(armOnA);
  const pendingOn: Record<string, unknown[]> = {
    [typeB]: [
      { guard: (a: Args) => isB(a) && insideWindow(a), target: 'idle', actions: [disarm, recordB] },
      { guard: isB, actions: recordB },
    ],
    [timer]: [
      { guard: (a: Args) => due(a) && admit(a.context, a.event, a.context.s[id].d!), target: 'idle',
        actions: [enter(id, ({ context }) => context.s[id]?.c), disarm] },
      { guard: due, target: 'idle', actions: disarm },
    ],
  };
  return { initial: 'idle', states: { idle: { on: idleOn }, pending: { on: pendingOn } } };
};
