import { matchAll } from '../definition/index.ts';
import type { ActionTrigger } from '../types.ts';
import { admission, enter } from './enter.ts';
import type { Args, RegionBuilder } from './types.ts';

/**
 * `action`: the user enters when a matching event is processed. Deliberately not built by the same
 * generic builder as the page rules: one guard shared by every kind makes its call sites
 * polymorphic, which measured 6 -> 9 µs per event touching rules (deploy/bench/rules.ts).
 */
export const actionRegion: RegionBuilder = (seg, env) => {
  const t = seg.definition.trigger as ActionTrigger;
  const admit = admission(seg);
  return {
    initial: 'idle',
    states: {
      idle: {
        on: {
          [env.typeFor(t.event)]: {
            guard: ({ context, event }: Args) => matchAll(t.where, event.ev!.props) && admit(context, event, event.ev!.ts),
            actions: enter(seg.id),
          },
        },
      },
    },
  };
};
