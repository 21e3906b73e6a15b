/** `action`: the user enters when a matching event is processed. */
import { matchAll } from '../definition/condition.ts';
import { parseEventMatch } from '../definition/event-match.ts';
import { withWhere } from '../definition/phrases.ts';
import { admission, enter } from '../rules/enter.ts';
import type { Args } from '../rules/types.ts';
import { EVENT_MATCH_SCHEMA, fieldsOf } from './schema.ts';
import type { KindSpec, TriggerSchema } from './types.ts';

const schema: TriggerSchema = { properties: EVENT_MATCH_SCHEMA, required: ['event'] };

/** The action kind. */
export const action: KindSpec<'action'> = {
  kind: 'action',
  fields: fieldsOf(schema),
  schema,
  profileDriven: false,
  parse: (v, path, out) => ({ kind: 'action', ...parseEventMatch(v, path, out) }),
  describe: (t) => `who did ${t.event}${withWhere(t.where)}`,
  /**
   * Deliberately not built by the same generic builder as the page rules: one guard shared by
   * every kind makes its call sites polymorphic, which measured 6 -> 9 µs per event touching rules
   * (deploy/bench/rules.ts).
   */
  region: (t, seg, env) => {
    const admit = admission(seg);
    return {
      initial: 'idle',
      states: {
        idle: {
          on: {
            [env.typeFor(t.event)]: {
              guard: ({ context, event }: Args) => matchAll(t.where, event.ev!.props) && admit(context, event, event.ev!.ts),
              update: enter(seg.id),
            },
          },
        },
      },
    };
  },
};
