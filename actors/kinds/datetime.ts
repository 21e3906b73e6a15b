/**
 * `datetime`: armed at `props[property] + offset` (see datetimeInstant) whenever the profile gives
 * a future instant; re-armed when it changes; an instant already past never fires.
 */
import { formatDuration, parseDuration } from '../definition/duration.ts';
import { isTimeZone } from '../definition/timezone.ts';
import { at, checkDuration, MAX_OFFSET_MS } from '../definition/validate.ts';
import { checkPropPath } from '../definition/where.ts';
import { admission, enter, patch } from '../rules/enter.ts';
import { instantOf } from '../rules/instant.ts';
import { PROFILE, TIMER_DUE, type Args, type Update } from '../rules/types.ts';
import type { DatetimeTrigger } from '../types.ts';
import { DURATION_SCHEMA, fieldsOf } from './schema.ts';
import type { KindSpec, TriggerSchema } from './types.ts';

const LOCAL_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

const schema: TriggerSchema = {
  properties: {
    property: { type: 'string', description: 'dotted path into profile props' },
    offset: DURATION_SCHEMA,
    at: { type: 'string', pattern: LOCAL_TIME.source },
    timezone: { type: 'string', description: 'IANA time zone' },
  },
  required: ['property', 'offset'],
};

function describe(t: DatetimeTrigger): string {
  const offset = parseDuration(t.offset) ?? 0;
  let s =
    offset < 0
      ? `when ${t.property} is ${formatDuration(-offset)} away`
      : offset > 0
        ? `when ${t.property} was ${formatDuration(offset)} ago`
        : `when ${t.property} is reached`;
  if (t.at !== undefined) s += `, at ${t.at} in the user's timezone (${t.timezone ?? 'UTC'} if not set)`;
  return s;
}

/** The datetime kind: driven by the profile, not by events. */
export const datetime: KindSpec<'datetime'> = {
  kind: 'datetime',
  fields: fieldsOf(schema),
  schema,
  profileDriven: true,
  parse(v, path, out) {
    const property = checkPropPath(v.property, at(path, 'property'), out) ?? '';
    const offset = checkDuration(v.offset, at(path, 'offset'), out, { positive: false, max: MAX_OFFSET_MS }) ?? '';
    const t: DatetimeTrigger = { kind: 'datetime', property, offset };
    if (v.at !== undefined) {
      if (typeof v.at === 'string' && LOCAL_TIME.test(v.at)) t.at = v.at;
      else out.push({ path: at(path, 'at'), message: 'must be a local time "HH:MM" from 00:00 to 23:59' });
    }
    if (v.timezone !== undefined) {
      if (isTimeZone(v.timezone)) t.timezone = v.timezone;
      else out.push({ path: at(path, 'timezone'), message: 'must be an IANA time zone such as "Europe/Berlin"' });
    }
    return t;
  },
  describe,
  region: (t, seg, env) => {
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
    const arm: Update = (a) => ({ s: patch(a.context, id, { d: instant(a) }) });
    const disarm: Update = ({ context }) => ({ s: patch(context, id, { d: undefined }) });

    return {
      initial: 'idle',
      states: {
        idle: { on: { [profile]: { guard: future, target: 'armed', update: arm } } },
        armed: {
          on: {
            [profile]: [
              { guard: (a) => !future(a), target: 'idle', update: disarm },
              { guard: (a) => instant(a) !== a.context.s[id]?.d, update: arm },
            ],
            [timer]: [
              {
                guard: (a) => due(a) && admit(a.context, a.event, a.context.s[id].d!),
                target: 'idle',
                update: [enter(id, () => undefined), disarm],
              },
              { guard: due, target: 'idle', update: disarm },
            ],
          },
        },
      },
    };
  },
};
