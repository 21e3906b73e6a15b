/** Schema of `trigger` for all six kinds (docs/formats.md). */
import { TRIGGER_KINDS } from '../types.ts';
import type { DatetimeTrigger, EventMatch, PageCountTrigger, Problem, Trigger, TriggerKind } from '../types.ts';
import { isTimeZone } from './timezone.ts';
import { parseUrlMatch } from './url-match.ts';
import { at, checkDuration, checkFields, checkText, isPlainObject, MAX_OFFSET_MS, MAX_WINDOW_MS } from './validate.ts';
import { checkPropPath, parseWhere } from './where.ts';

/** Largest page_count `count`. */
export const MAX_PAGE_COUNT = 100_000;

const KIND_FIELDS: Record<TriggerKind, readonly string[]> = {
  action: ['kind', 'event', 'where'],
  inaction: ['kind', 'event', 'where', 'without', 'within'],
  datetime: ['kind', 'property', 'offset', 'at', 'timezone'],
  page_visit: ['kind', 'url'],
  referrer: ['kind', 'referrer'],
  page_count: ['kind', 'count', 'within', 'url', 'distinct'],
};

const LOCAL_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const WINDOW = { positive: true, max: MAX_WINDOW_MS };

/** Checks an event name (1–128 characters); returns it or undefined after reporting. */
export const checkEventName = (v: unknown, path: string, out: Problem[]): string | undefined => checkText(v, path, out, 1, 128);

function parseEventMatch(v: Record<string, unknown>, path: string, out: Problem[]): EventMatch {
  const event = checkEventName(v.event, at(path, 'event'), out) ?? '';
  const where = parseWhere(v.where, at(path, 'where'), out);
  return where === undefined ? { event } : { event, where };
}

/**
 * Validates a trigger and returns a clean copy. The result is only meaningful when no problem
 * was added; an unknown kind stops here because the other fields cannot be judged without it.
 */
export function parseTrigger(v: unknown, path: string, out: Problem[]): Trigger | undefined {
  if (!isPlainObject(v)) {
    out.push({ path, message: v === undefined ? 'is required' : 'must be an object' });
    return undefined;
  }
  const kind = v.kind as TriggerKind;
  if (v.kind === undefined) {
    out.push({ path: at(path, 'kind'), message: `is required (one of ${TRIGGER_KINDS.join(', ')})` });
    return undefined;
  }
  if (!(TRIGGER_KINDS as readonly unknown[]).includes(kind)) {
    out.push({ path: at(path, 'kind'), message: `must be one of ${TRIGGER_KINDS.join(', ')}` });
    return undefined;
  }
  checkFields(v, KIND_FIELDS[kind], path, out);
  switch (kind) {
    case 'action':
      return { kind, ...parseEventMatch(v, path, out) };
    case 'inaction': {
      const first = parseEventMatch(v, path, out);
      const wPath = at(path, 'without');
      let without: EventMatch = { event: '' };
      if (!isPlainObject(v.without)) {
        out.push({ path: wPath, message: v.without === undefined ? 'is required' : 'must be an object { event, where? }' });
      } else {
        checkFields(v.without, ['event', 'where'], wPath, out);
        without = parseEventMatch(v.without, wPath, out);
      }
      const within = checkDuration(v.within, at(path, 'within'), out, WINDOW) ?? '';
      return { kind, ...first, without, within };
    }
    case 'datetime': {
      const property = checkPropPath(v.property, at(path, 'property'), out) ?? '';
      const offset = checkDuration(v.offset, at(path, 'offset'), out, { positive: false, max: MAX_OFFSET_MS }) ?? '';
      const t: DatetimeTrigger = { kind, property, offset };
      if (v.at !== undefined) {
        if (typeof v.at === 'string' && LOCAL_TIME.test(v.at)) t.at = v.at;
        else out.push({ path: at(path, 'at'), message: 'must be a local time "HH:MM" from 00:00 to 23:59' });
      }
      if (v.timezone !== undefined) {
        if (isTimeZone(v.timezone)) t.timezone = v.timezone;
        else out.push({ path: at(path, 'timezone'), message: 'must be an IANA time zone such as "Europe/Berlin"' });
      }
      return t;
    }
    case 'page_visit':
      return { kind, url: parseUrlMatch(v.url, at(path, 'url'), out)! };
    case 'referrer':
      return { kind, referrer: parseUrlMatch(v.referrer, at(path, 'referrer'), out)! };
    case 'page_count': {
      const count = v.count;
      if (count === undefined) out.push({ path: at(path, 'count'), message: 'is required' });
      else if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_PAGE_COUNT) {
        out.push({ path: at(path, 'count'), message: `must be an integer from 1 to ${MAX_PAGE_COUNT}` });
      }
      const t: PageCountTrigger = { kind, count: count as number };
      if (v.within !== undefined) t.within = checkDuration(v.within, at(path, 'within'), out, WINDOW);
      if (v.url !== undefined) t.url = parseUrlMatch(v.url, at(path, 'url'), out);
      if (v.distinct !== undefined) {
        if (typeof v.distinct === 'boolean') t.distinct = v.distinct;
        else out.push({ path: at(path, 'distinct'), message: 'must be true or false' });
      }
      return t;
    }
  }
}
