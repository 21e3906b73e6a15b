import { assign } from 'xstate';
import { matchAll, parseDuration } from '../definition/index.ts';
import type { InactionTrigger } from '../types.ts';
import { admission, enter, patch } from './enter.ts';
import { TIMER_DUE, type Args, type RegionBuilder, type UserContext } from './types.ts';

/** How many recent `without` timestamps a user keeps per segment, for arrivals out of ts order. */
export const RECENT_WITHOUT = 8;

/**
 * `inaction`: a matching `event` arms a window [ts, ts + within); a matching `without` event whose
 * ts falls inside it cancels it; if none has arrived when the window closes, the user qualifies.
 * A `without` at exactly ts + within is outside (too late); one before ts does not cancel.
 * The arming event never cancels its own window.
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
  // One event name for both roles: only a strictly later event cancels (the window runs from the
  // latest event); otherwise a `without` at exactly the window's start cancels it.
  const same = typeA === typeB;
  const afterStart = (ts: number, start: number) => (same ? ts > start : ts >= start);
  const cancelledEarly = ({ context, event }: Args) =>
    (context.s[id]?.b ?? []).some((ts) => afterStart(ts, event.ev!.ts) && ts < event.ev!.ts + within);
  const mayEnter = ({ context }: Args) => !(once && (context.s[id]?.n ?? 0) > 0);
  const insideWindow = ({ context, event }: Args) => {
    const st = context.s[id];
    return st?.w !== undefined && afterStart(event.ev!.ts, st.w) && event.ev!.ts < st.d!;
  };
  const due = ({ context, event }: Args) => event.now >= (context.s[id]?.d ?? Infinity);

  const recordB = assign(({ context, event }: Args) => {
    const b = [...(context.s[id]?.b ?? []), event.ev!.ts].sort((x, y) => x - y).slice(-RECENT_WITHOUT);
    return { s: patch(context, id, { b }) };
  }) as unknown as ReturnType<typeof assign> & { assignment: (a: Args) => Partial<UserContext> };
  const arm = assign(({ context, event }: Args) => ({
    s: patch(context, id, { w: event.ev!.ts, d: event.ev!.ts + within, c: event.ev!.id }),
  }));
  const disarm = assign(({ context }: Args) => ({ s: patch(context, id, { w: undefined, d: undefined, c: undefined }) }));

  // With one event name for both roles, the arming event is also a `without` for later windows.
  const recordIfB = assign((a: Args) => (isB(a) ? recordB.assignment(a) : {}));
  const armOnA = {
    guard: (a: Args) => isA(a) && mayEnter(a) && !cancelledEarly(a),
    target: 'pending',
    actions: same ? [recordIfB, arm] : arm,
  };
  const idleOn: Record<string, unknown[]> = { [typeB]: [{ guard: isB, actions: recordB }] };
  (idleOn[typeA] ??= []).unshift(armOnA);
  const pendingOn: Record<string, unknown[]> = {
    [typeB]: [
      // With the same event for both roles ("no launch within 7 days of the last launch"), an
      // event that cancels the window arms the next one: the window runs from the latest event.
      ...(same
        ? [
            {
              guard: (a: Args) => isB(a) && insideWindow(a) && isA(a) && mayEnter(a) && !cancelledEarly(a),
              target: 'pending',
              reenter: true,
              actions: [recordB, arm],
            },
          ]
        : []),
      { guard: (a: Args) => isB(a) && insideWindow(a), target: 'idle', actions: [disarm, recordB] },
      { guard: isB, actions: recordB },
    ],
    [timer]: [
      {
        guard: (a: Args) => due(a) && admit(a.context, a.event, a.context.s[id].d!),
        target: 'idle',
        actions: [enter(id, ({ context }) => context.s[id]?.c), disarm],
      },
      { guard: due, target: 'idle', actions: disarm },
    ],
  };
  return { initial: 'idle', states: { idle: { on: idleOn }, pending: { on: pendingOn } } };
};
