/**
 * Segment-spec messages (`track`, `page`, `screen`, `identify`, `alias`, `group`), as Segment's
 * and RudderStack's SDKs send them, mapped onto liveseg's events and profile updates
 * (docs/sdks.md). Pure: the receipt time and the id source come in; the result is validated
 * with the same validators as `POST /v1/events` and `/v1/profiles`.
 */
import {
  isTimeZone,
  MAX_EVENT_ID_LENGTH,
  PAGE_VIEW,
  parseEvent,
  parseProfileUpdate,
  parseTimestamp,
  SCREEN_VIEW,
} from '../../actors/definition/index.ts';
import { checkKeyText, isPlainObject } from '../../actors/definition/validate.ts';
import type { ItemErrorCode } from '../../actors/errors.ts';
import type { LiveEvent, Problem, ProfileUpdate } from '../../actors/types.ts';

/** The message types of the Segment spec. */
export const MESSAGE_TYPES = ['track', 'page', 'screen', 'identify', 'alias', 'group'] as const;
/** One of MESSAGE_TYPES. */
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** What a message becomes: an event, a profile update (with its message id), or nothing. */
export type Mapped =
  | { type: 'track' | 'page' | 'screen'; kind: 'event'; event: LiveEvent }
  | { type: 'identify'; kind: 'profile'; update: ProfileUpdate; id: string }
  | { type: 'alias' | 'group'; kind: 'ignored' };

/** A mapped message, or why it maps to nothing (paths name the message's own fields). */
export type MapResult = { ok: true; value: Mapped } | { ok: false; type?: MessageType; code: ItemErrorCode; problems: Problem[] };

/** What a message is mapped with. */
export interface MapContext {
  /** Receipt time (epoch ms): the event time of a message without a timestamp, and the skew reference. */
  now: number;
  /** Ids of messages without a `messageId`. */
  newId: () => string;
  /** The `type` a single-message route implies (`POST /v1/track`); a batch item names its own. */
  type?: MessageType;
  /** The batch's `sentAt`, for items without their own. */
  sentAt?: unknown;
  /** The batch's `context`, under each item's own. */
  context?: unknown;
}

const isType = (v: unknown): v is MessageType => (MESSAGE_TYPES as readonly unknown[]).includes(v);
const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Where a liveseg field's problems point in the message (`props.url` → `properties.url`). */
const FIELD_OF: Record<string, string> = { id: 'messageId', ts: 'timestamp', props: 'properties' };

/** Maps one message; every problem is listed with the path of the message field at fault. */
export function mapMessage(input: unknown, ctx: MapContext): MapResult {
  if (!isPlainObject(input)) return fail(ctx.type, 'invalid_message', [{ path: '', message: 'must be a JSON object' }]);
  const type = ctx.type ?? input.type;
  if (!isType(type)) {
    return fail(undefined, 'invalid_message', [{ path: 'type', message: `must be one of ${MESSAGE_TYPES.join(', ')}` }]);
  }
  if (type === 'alias' || type === 'group') return { ok: true, value: { type, kind: 'ignored' } };

  const problems: Problem[] = [];
  const user = userOf(input, problems);
  const ts = timestampOf(input, ctx, problems);
  // An event's id is checked by parseEvent below; a profile update's here.
  if (type === 'identify' && present(input.messageId)) checkKeyText(input.messageId, 'messageId', problems, MAX_EVENT_ID_LENGTH);
  if (problems.length) return fail(type, 'invalid_message', problems);
  const id = present(input.messageId) ? (input.messageId as string) : ctx.newId();
  // Only page and identify read the context: track and screen, most traffic, skip merging it.
  const context = type === 'page' || type === 'identify' ? contextOf(input.context, ctx.context) : {};

  if (type === 'identify') {
    const traits = input.traits ?? context.traits ?? {};
    const update: Record<string, unknown> = { userId: user.id, props: traits };
    // An invalid zone is the device's business, not a reason to lose the traits.
    if (isTimeZone(context.timezone)) update.timezone = context.timezone;
    const parsed = parseProfileUpdate(update);
    if (!parsed.ok) return fail(type, parsed.code ?? 'invalid_profile', renamed(parsed.problems, { props: 'traits', userId: user.field }));
    return { ok: true, value: { type, kind: 'profile', update: parsed.value, id } };
  }

  const props = propsOf(input, type, context, problems);
  if (problems.length) return fail(type, 'invalid_message', problems);
  const name = type === 'track' ? input.event : type === 'page' ? PAGE_VIEW : SCREEN_VIEW;
  const parsed = parseEvent({ id, userId: user.id, name, ts, props }, ctx.now, ctx.newId);
  if (!parsed.ok) {
    return fail(type, parsed.code ?? 'invalid_event', renamed(parsed.problems, { ...FIELD_OF, name: 'event', userId: user.field }));
  }
  return { ok: true, value: { type, kind: 'event', event: parsed.value } };
}

function fail(type: MessageType | undefined, code: ItemErrorCode, problems: Problem[]): MapResult {
  return { ok: false, type, code, problems };
}

const USER_FIELDS = ['userId', 'anonymousId'] as const;

/** The user: `userId`, else `anonymousId` (numbers are taken as their decimal text, as the SDKs coerce them). */
function userOf(m: Record<string, unknown>, problems: Problem[]): { id: string; field: 'userId' | 'anonymousId' } {
  for (const field of USER_FIELDS) {
    const v = m[field];
    if (!present(v)) continue;
    if (typeof v === 'string') return { id: v, field };
    if (typeof v === 'number' && Number.isFinite(v)) return { id: String(v), field };
    problems.push({ path: field, message: 'must be a string' });
    return { id: '', field };
  }
  problems.push({ path: 'userId', message: 'a message needs a userId or an anonymousId' });
  return { id: '', field: 'userId' };
}

/**
 * The event time: `timestamp` (RudderStack sends `originalTimestamp` instead), else receipt. A
 * device's clock can be off by hours; when the message says when it was sent (`sentAt`, its own or
 * the batch's), the offset between that and receipt is added, as Segment's own API does
 * (ts = receipt − (sentAt − timestamp)).
 */
function timestampOf(m: Record<string, unknown>, ctx: MapContext, problems: Problem[]): number | undefined {
  const field = present(m.timestamp) ? 'timestamp' : present(m.originalTimestamp) ? 'originalTimestamp' : undefined;
  if (field === undefined) return ctx.now;
  const t = parseTimestamp(m[field]);
  if (t === undefined) {
    problems.push({ path: field, message: 'must be an ISO-8601 date-time with offset, or epoch milliseconds' });
    return undefined;
  }
  const sentAt = sentAtOf(present(m.sentAt) ? m.sentAt : ctx.sentAt);
  return sentAt === undefined ? t : t + (ctx.now - sentAt);
}

/** The last `sentAt` text parsed: every message of a batch usually carries the same one. */
let lastSentAt: { text: unknown; ms: number | undefined } = { text: undefined, ms: undefined };
function sentAtOf(v: unknown): number | undefined {
  if (typeof v !== 'string' || v !== lastSentAt.text) lastSentAt = { text: v, ms: parseTimestamp(v) };
  return lastSentAt.ms;
}

/** The message's `context` over the batch's (Segment's batch-level context applies to every item). */
function contextOf(own: unknown, batch: unknown): Record<string, unknown> {
  const base = isPlainObject(batch) ? batch : {};
  return isPlainObject(own) ? { ...base, ...own } : base;
}

const PAGE_FIELDS = ['url', 'referrer', 'title'] as const;

/**
 * The props of a track, page or screen event. `properties` as they are; a page's url, referrer
 * and title fall back to `context.page` (browser SDKs fill both); `name` and `category` of a page
 * or screen join the props unless `properties` has its own.
 */
function propsOf(m: Record<string, unknown>, type: 'track' | 'page' | 'screen', context: Record<string, unknown>, problems: Problem[]) {
  const own = m.properties ?? {};
  if (!isPlainObject(own)) {
    problems.push({ path: 'properties', message: 'must be a JSON object' });
    return {};
  }
  if (type === 'track') return own;
  const props: Record<string, unknown> = { ...own };
  for (const key of ['name', 'category'] as const) if (props[key] === undefined && typeof m[key] === 'string') props[key] = m[key];
  if (type === 'page') {
    const page = isPlainObject(context.page) ? context.page : {};
    for (const key of PAGE_FIELDS) {
      if (props[key] === null || props[key] === undefined) delete props[key];
      if (props[key] === undefined && page[key] !== undefined && page[key] !== null) props[key] = page[key];
    }
    if (props.url === undefined) problems.push({ path: 'properties.url', message: 'a page call needs properties.url or context.page.url' });
  }
  return props;
}

/** Problems with each path's first segment renamed (`props.url` → `properties.url`). */
function renamed(problems: Problem[], names: Record<string, string>): Problem[] {
  return problems.map((p) => {
    const dot = p.path.search(/[.[]/);
    const head = dot < 0 ? p.path : p.path.slice(0, dot);
    return Object.hasOwn(names, head) ? { ...p, path: names[head] + p.path.slice(head.length) } : p;
  });
}
