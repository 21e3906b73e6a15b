import { assign } from 'xstate';
import type { DatetimeTrigger } from '../types.ts';
import { admission, enter, patch } from './enter.ts';
import { instantOf } from './instant.ts';
import { PROFILE, TIMER_DUE, type Args, type RegionBuilder } from './types.ts';

/**
 * `datetime`: armed at `props[property] + offset` (see datetimeInstant) whenever the profile gives
 * a future instant; re-armed when it changes; an instant already past never fires.
 */
export const datetimeRegion: RegionBuilder = (seg, env) => {
  const t = seg.definition.trigger as DatetimeTrigger;
  const id = seg.id;
  const admit = admission(seg);
  const profile = env.uses(PROFILE);
  const timer = env.uses(TIMER_DUE);
  const once = seg.definition.reentry !== 'every';

  const instantAt = instantOf(t);
  const instant = ({ event }: Args) => instantAt(event.profile);
  const future = (a: Args) => {
    const i = instant(a);
    return i !== undefined && i > a.event.now && !(once && (a.context.s[id]?.n ?? 0) > 0);
  };
  const due = ({ context, event }: Args) => event.now >= (context.s[id]?.d ?? Infinity);
  const arm = assign((a: Args) => ({ s: patch(a.context, id, { d: instant(a) }) }));
  const disarm = assign(({ context }: Args) => ({ s: patch(context, id, { d: undefined }) }));

  return {
    initial: 'idle',
    states: {
      idle: { on: { [profile]: { guard: future, target: 'armed', actions: arm } } },
      armed: {
        on: {
          [profile]: [
            { guard: (a: Args) => !future(a), target: 'idle', actions: disarm },
            { guard: (a: Args) => instant(a) !== a.context.s[id]?.d, actions: arm },
          ],
          [timer]: [
            {
              guard: (a: Args) => due(a) && admit(a.context, a.event, a.context.s[id].d!),
              target: 'idle',
              actions: [enter(id, () => undefined), disarm],
            },
            { guard: due, target: 'idle', actions: disarm },
          ],
        },
      },
    },
  };
};
