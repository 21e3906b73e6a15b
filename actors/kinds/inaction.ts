/**
 * `inaction`: a matching `event` arms a window [ts, ts + within); a matching `without` event whose
 * ts falls inside it cancels it; if none has arrived when the window closes, the user qualifies.
 * A `without` at exactly ts + within is outside (too late); one before ts does not cancel.
 * The arming event never cancels its own window.
 */
import { matchAll } from '../definition/condition.ts';
import { parseDuration } from '../definition/duration.ts';
import { parseEventMatch } from '../definition/event-match.ts';
import { dur, withWhere } from '../definition/phrases.ts';
import { at, checkDuration, checkFields, isPlainObject, MAX_WINDOW_MS } from '../definition/validate.ts';
import { admission, enter, patch } from '../rules/enter.ts';
import { TIMER_DUE, type Args, type Transition, type Update } from '../rules/types.ts';
import type { EventMatch } from '../types.ts';
import { closedObject, DURATION_SCHEMA, EVENT_MATCH_SCHEMA, fieldsOf } from './schema.ts';
import type { KindSpec, TriggerSchema } from './types.ts';

/** How many recent `without` timestamps a user keeps per segment, for arrivals out of ts order. */
export const RECENT_WITHOUT = 8;

const schema: TriggerSchema = {
  properties: { ...EVENT_MATCH_SCHEMA, without: closedObject(EVENT_MATCH_SCHEMA, ['event']), within: DURATION_SCHEMA },
  required: ['event', 'without', 'within'],
};

/** The inaction kind. */
export const inaction: KindSpec<'inaction'> = {
  kind: 'inaction',
  fields: fieldsOf(schema),
  schema,
  profileDriven: false,
  parse(v, path, out) {
    const first = parseEventMatch(v, path, out);
    const wPath = at(path, 'without');
    let without: EventMatch = { event: '' };
    if (!isPlainObject(v.without)) {
      out.push({ path: wPath, message: v.without === undefined ? 'is required' : 'must be an object { event, where? }' });
    } else {
      checkFields(v.without, ['event', 'where'], wPath, out);
      without = parseEventMatch(v.without, wPath, out);
    }
    const within = checkDuration(v.within, at(path, 'within'), out, { positive: true, max: MAX_WINDOW_MS }) ?? '';
    return { kind: 'inaction', ...first, without, within };
  },
  describe: (t) =>
    `who did ${t.event}${withWhere(t.where)} and did not do ${t.without.event}${withWhere(t.without.where)} within ${dur(t.within)}`,
  region: (t, seg, env) => {
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

    const recordB: Update = ({ context, event }) => {
      const b = [...(context.s[id]?.b ?? []), event.ev!.ts].sort((x, y) => x - y).slice(-RECENT_WITHOUT);
      return { s: patch(context, id, { b }) };
    };
    const arm: Update = ({ context, event }) => ({
      s: patch(context, id, { w: event.ev!.ts, d: event.ev!.ts + within, c: event.ev!.id }),
    });
    const disarm: Update = ({ context }) => ({ s: patch(context, id, { w: undefined, d: undefined, c: undefined }) });

    // With one event name for both roles, the arming event is also a `without` for later windows.
    const recordIfB: Update = (a) => (isB(a) ? recordB(a) : {});
    const armOnA: Transition = {
      guard: (a) => isA(a) && mayEnter(a) && !cancelledEarly(a),
      target: 'pending',
      update: same ? [recordIfB, arm] : arm,
    };
    const idleOn: Record<string, Transition[]> = { [typeB]: [{ guard: isB, update: recordB }] };
    (idleOn[typeA] ??= []).unshift(armOnA);
    const pendingOn: Record<string, Transition[]> = {
      [typeB]: [
        // With the same event for both roles ("no launch within 7 days of the last launch"), an
        // event that cancels the window arms the next one: the window runs from the latest event.
        ...(same
          ? [
              {
                guard: (a: Args) => isB(a) && insideWindow(a) && isA(a) && mayEnter(a) && !cancelledEarly(a),
                target: 'pending',
                reenter: true,
                update: [recordB, arm],
              },
            ]
          : []),
        { guard: (a) => isB(a) && insideWindow(a), target: 'idle', update: [disarm, recordB] },
        { guard: isB, update: recordB },
      ],
      [timer]: [
        {
          guard: (a) => due(a) && admit(a.context, a.event, a.context.s[id].d!),
          target: 'idle',
          update: [enter(id, ({ context }) => context.s[id]?.c), disarm],
        },
        { guard: due, target: 'idle', update: disarm },
      ],
    };
    return { initial: 'idle', states: { idle: { on: idleOn }, pending: { on: pendingOn } } };
  },
};
