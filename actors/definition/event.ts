/** Validation of incoming events at the edge (docs/formats.md). */
import type { ItemErrorCode } from '../errors.ts';
import type { LiveEvent, Parsed, Problem } from '../types.ts';
import { MAX_EVENT_NAME_LENGTH } from './event-match.ts';
import { parseTimestamp } from './timestamp.ts';
import { normaliseUrl } from './url.ts';
import { at, checkFields, checkKeyText, checkText, checkUserId, isPlainObject, jsonSize } from './validate.ts';

/** Largest accepted event, as UTF-8 JSON. */
export const MAX_EVENT_BYTES = 32 * 1024;
/** How far ahead of "now" an event's ts may be. */
export const MAX_EVENT_FUTURE_MS = 24 * 60 * 60 * 1000;
/** Longest event id, in Unicode code points: it becomes the `Nats-Msg-Id` header. */
export const MAX_EVENT_ID_LENGTH = 128;
/** The page-view system event (docs/formats.md). */
export const PAGE_VIEW = '$page_view';
/** The app-screen system event, what a Segment-spec `screen` call becomes (docs/sdks.md). */
export const SCREEN_VIEW = '$screen_view';
/** The system events producers may send; every other name starting with `$` is reserved. */
export const SYSTEM_EVENTS: readonly string[] = [PAGE_VIEW, SCREEN_VIEW];

/** Rejection codes of parseEvent, most specific first. */
export const EVENT_ERROR_CODES = [
  'event_too_large',
  'reserved_name',
  'ts_in_future',
  'invalid_event',
] as const satisfies readonly ItemErrorCode[];
/** One of EVENT_ERROR_CODES. */
export type EventErrorCode = (typeof EVENT_ERROR_CODES)[number];

const FIELDS = ['id', 'userId', 'name', 'ts', 'props'] as const;

/**
 * Validates an untrusted event. A missing id gets `newId()`, a missing ts gets `now`. On failure
 * every problem is listed with its path, and `code` names the most specific reason
 * (event_too_large > reserved_name > ts_in_future > invalid_event). `sourceBytes`, the length of
 * the JSON text `input` was parsed from, lets small events skip measuring their size.
 */
export function parseEvent(
  input: unknown,
  now: number,
  newId: () => string,
  sourceBytes?: number,
): Parsed<LiveEvent> & { code?: EventErrorCode } {
  const problems: Problem[] = [];
  const codes = new Set<EventErrorCode>();
  let coded = 0;
  const fail = (code: EventErrorCode, path: string, message: string) => {
    codes.add(code);
    coded++;
    problems.push({ path, message });
  };
  if (!isPlainObject(input)) {
    return { ok: false, problems: [{ path: '', message: 'must be a JSON object' }], code: 'invalid_event' };
  }
  // Re-serialising parsed JSON grows it at most ~5.25× (a number such as 9e20 prints 21 digits):
  // a small enough source cannot break the limit, and its size need not be measured again.
  const small = sourceBytes !== undefined && sourceBytes * 6 + 512 <= MAX_EVENT_BYTES;
  const rawSize = small ? 0 : jsonSize(input);
  if (rawSize > MAX_EVENT_BYTES) fail('event_too_large', '', `is ${rawSize} bytes as JSON; the limit is ${MAX_EVENT_BYTES}`);
  checkFields(input, FIELDS, '', problems);

  let id: string | undefined;
  if (input.id === undefined) id = newId();
  else id = checkKeyText(input.id, 'id', problems, MAX_EVENT_ID_LENGTH);
  const userId = checkUserId(input.userId, 'userId', problems);
  const name = checkText(input.name, 'name', problems, 1, MAX_EVENT_NAME_LENGTH);
  if (name?.startsWith('$') && !SYSTEM_EVENTS.includes(name)) {
    fail(
      'reserved_name',
      'name',
      `names starting with "$" are reserved for system events (only ${SYSTEM_EVENTS.map((n) => `"${n}"`).join(' and ')} may be sent)`,
    );
  }

  let ts: number | undefined = now;
  if (input.ts !== undefined) {
    ts = parseTimestamp(input.ts);
    if (ts === undefined) {
      problems.push({ path: 'ts', message: 'must be epoch milliseconds (integer ≥ 0) or an ISO-8601 date-time with offset' });
    } else if (ts > now + MAX_EVENT_FUTURE_MS) {
      fail('ts_in_future', 'ts', 'is more than 24 hours in the future');
    }
  }

  let props: Record<string, unknown> | undefined = {};
  if (input.props !== undefined) {
    if (isPlainObject(input.props)) props = input.props;
    else {
      problems.push({ path: 'props', message: 'must be a JSON object' });
      props = undefined;
    }
  }
  if (name === PAGE_VIEW && props !== undefined) checkPageView(props, problems);

  if (problems.length > 0) {
    // Problems pushed directly (not through fail) are plain validation failures.
    if (problems.length > coded) codes.add('invalid_event');
    return { ok: false, problems, code: EVENT_ERROR_CODES.find((c) => codes.has(c)) };
  }
  const value: LiveEvent = { id: id!, userId: userId!, name: name!, ts: ts!, props: props! };
  // The limit applies to what is stored. With its own id, an event stores as its input did, but
  // for a default ts (19 bytes at most) or an ISO ts turned into a shorter number: measured input
  // with that room to spare needs no second measure. A generated id has no such bound.
  const size = input.id !== undefined && (small || rawSize + 64 <= MAX_EVENT_BYTES) ? 0 : jsonSize(value);
  if (size > MAX_EVENT_BYTES) {
    return {
      ok: false,
      problems: [{ path: '', message: `is ${size} bytes as JSON; the limit is ${MAX_EVENT_BYTES}` }],
      code: 'event_too_large',
    };
  }
  return { ok: true, value };
}

function checkPageView(props: Record<string, unknown>, problems: Problem[]): void {
  const path = 'props';
  if (props.url === undefined) problems.push({ path: at(path, 'url'), message: `is required for ${PAGE_VIEW}` });
  else if (typeof props.url !== 'string' || normaliseUrl(props.url) === undefined) {
    problems.push({ path: at(path, 'url'), message: 'must be an absolute URL' });
  }
  const ref = props.referrer;
  if (ref !== undefined && ref !== '' && (typeof ref !== 'string' || normaliseUrl(ref) === undefined)) {
    problems.push({ path: at(path, 'referrer'), message: 'must be an absolute URL or empty' });
  }
  if (props.title !== undefined && typeof props.title !== 'string') {
    problems.push({ path: at(path, 'title'), message: 'must be a string' });
  }
  // Other page-view props are the producer's own (utm tags etc.), so they are not "unknown".
}
