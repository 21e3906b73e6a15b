import { matchAll } from '../definition/index.ts';
import type { ActionTrigger, LiveEvent, Segment } from '../types.ts';
import { admission, enter } from './enter.ts';
import type { Args, RegionBuilder } from './types.ts';

/**
 * A one-state region that enters the user at an input event `eventName` for which `matches(seg)`
 * holds (and the segment's re-entry rules and filters admit it, at instant = the event's ts).
 */
export function matchRegion(eventName: (seg: Segment) => string, matches: (seg: Segment) => (ev: LiveEvent) => boolean): RegionBuilder {
  return (seg, env) => {
    const test = matches(seg);
    const admit = admission(seg);
    return {
      initial: 'idle',
      states: {
        idle: {
          on: {
            [env.typeFor(eventName(seg))]: {
              guard: ({ context, event }: Args) => test(event.ev!) && admit(context, event, event.ev!.ts),
              actions: enter(seg.id),
            },
          },
        },
      },
    };
  };
}

/** `action`: the user enters when a matching event is processed. */
export const actionRegion = matchRegion(
  (seg) => (seg.definition.trigger as ActionTrigger).event,
  (seg) => {
    const { where } = seg.definition.trigger as ActionTrigger;
    return (ev) => matchAll(where, ev.props);
  },
);
