/** Schema of event matches `{ event, where? }`, the shape the action and inaction triggers share. */
import type { EventMatch, Problem } from '../types.ts';
import { at, checkText } from './validate.ts';
import { parseWhere } from './where.ts';

/** Longest event name, in Unicode code points. */
export const MAX_EVENT_NAME_LENGTH = 128;

/** Checks an event name (1–128 characters); returns it or undefined after reporting. */
export const checkEventName = (v: unknown, path: string, out: Problem[]): string | undefined =>
  checkText(v, path, out, 1, MAX_EVENT_NAME_LENGTH);

/** Validates `event` and `where` of an object (its other fields are the caller's) and returns a clean copy. */
export function parseEventMatch(v: Record<string, unknown>, path: string, out: Problem[]): EventMatch {
  const event = checkEventName(v.event, at(path, 'event'), out) ?? '';
  const where = parseWhere(v.where, at(path, 'where'), out);
  return where === undefined ? { event } : { event, where };
}
