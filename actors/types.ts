/** Domain types shared by actors, gateway and ui. Formats follow docs/formats.md. */

/** An event as stored on LIVESEG_IN after validation: id and ts always present. */
export interface LiveEvent {
  id: string;
  userId: string;
  name: string;
  /** Epoch milliseconds (event time). */
  ts: number;
  props: Record<string, unknown>;
}

/** The messaging channels a user can be reached on. */
export const CHANNELS = ['email', 'sms', 'whatsapp', 'push', 'web_push'] as const;
export type Channel = (typeof CHANNELS)[number];
export type Reach = Record<Channel, boolean>;

/** A profile update as sent by producers; `props` values of `null` delete the prop. */
export interface ProfileUpdate {
  userId: string;
  timezone?: string;
  unsubscribed?: Channel[];
  props?: Record<string, unknown>;
}

/** The stored profile of one user. */
export interface Profile {
  timezone?: string;
  unsubscribed: Channel[];
  props: Record<string, unknown>;
}

export const CONDITION_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'starts_with', 'in', 'exists', 'not_exists'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** `{ prop: "a.b", op, value }`: prop is a dotted path into an object. */
export interface Condition {
  prop: string;
  op: ConditionOp;
  value?: unknown;
}

export const URL_MATCH_OPS = ['equals', 'contains', 'starts_with', 'regex'] as const;
export type UrlMatchOp = (typeof URL_MATCH_OPS)[number];
export interface UrlMatch {
  op: UrlMatchOp;
  value: string;
}

export interface EventMatch {
  event: string;
  where?: Condition[];
}

export interface ActionTrigger extends EventMatch {
  kind: 'action';
}
export interface InactionTrigger extends EventMatch {
  kind: 'inaction';
  without: EventMatch;
  /** Duration string, e.g. "10m". */
  within: string;
}
export interface DatetimeTrigger {
  kind: 'datetime';
  property: string;
  offset: string;
  /** Local time "HH:MM". */
  at?: string;
  /** IANA zone used when the profile has none. */
  timezone?: string;
}
export interface PageVisitTrigger {
  kind: 'page_visit';
  url: UrlMatch;
}
export interface ReferrerTrigger {
  kind: 'referrer';
  referrer: UrlMatch;
}
export interface PageCountTrigger {
  kind: 'page_count';
  count: number;
  within?: string;
  url?: UrlMatch;
  distinct?: boolean;
}
export type Trigger = ActionTrigger | InactionTrigger | DatetimeTrigger | PageVisitTrigger | ReferrerTrigger | PageCountTrigger;
export type TriggerKind = Trigger['kind'];
/** Every trigger kind, in the order they are presented; the registry is actors/kinds. */
export const TRIGGER_KINDS = [
  'action',
  'inaction',
  'datetime',
  'page_visit',
  'referrer',
  'page_count',
] as const satisfies readonly TriggerKind[];
type NoneMissing<T extends never> = T;
/** Compiles only while TRIGGER_KINDS lists every kind of the `Trigger` union (the error names the missing one). */
export type TriggerKindsComplete = NoneMissing<Exclude<TriggerKind, (typeof TRIGGER_KINDS)[number]>>;

export const COUNT_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
export interface CountCondition {
  op: (typeof COUNT_OPS)[number];
  value: number;
}
export interface PastActionFilter {
  did: string;
  where?: Condition[];
  count?: CountCondition;
  inLast: string;
}
export interface PastInactionFilter {
  didNot: string;
  where?: Condition[];
  inLast: string;
}
export type PastFilter = PastActionFilter | PastInactionFilter;

export interface SegmentDefinition {
  name: string;
  trigger: Trigger;
  filters?: { past?: PastFilter[]; profile?: Condition[] };
  reentry?: 'once' | 'every';
  /** With reentry "every": minimum time between two entries of one user. */
  cooldown?: string;
}

/** A stored segment (value in KV bucket liveseg_segments). */
export interface Segment {
  id: string;
  name: string;
  kind: TriggerKind;
  createdAt: number;
  definition: SegmentDefinition;
}

/** What downstream systems consume from LIVESEG_ENTRIES (docs/formats.md). */
export interface Entry {
  segmentId: string;
  userId: string;
  at: number;
  cause: { eventId?: string; kind: TriggerKind };
  reach: Reach;
}

/** One problem found by validation: where and why. */
export interface Problem {
  path: string;
  message: string;
}

/** Result of parsing untrusted input. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };
