import { matchAll } from '../definition/index.ts';
import type { ActionTrigger } from '../types.ts';
import { admission, enter } from './enter.ts';
import type { RegionBuilder, StepEvent, UserContext } from './types.ts';

/** `action`: the user enters when a matching event is processed. */
export const actionRegion: RegionBuilder = (seg, env) => {
  const t = seg.definition.trigger as ActionTrigger;
  const admit = admission(seg);
  return {
    initial: 'idle',
    states: {
      idle: {
        on: {
          [env.typeFor(t.event)]: {
            guard: ({ context, event }: { context: UserContext; event: StepEvent }) =>
              matchAll(t.where, event.ev!.props) && admit(context, event),
            actions: enter(seg.id),
          },
        },
      },
    },
  };
};
