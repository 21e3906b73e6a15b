import type { LiveEvent, Profile, Segment, Trigger } from '../types.ts';

/** Per-segment state of one user, kept in the machine's context (persisted, so names are short). */
export interface SegState {
  /** Entries so far; the next entry's number is n + 1. */
  n: number;
  /** Time of the last entry. */
  at?: number;
  /** Id of the event that caused the last entry. */
  ev?: string;
  /** Pending deadline (inaction window end, datetime instant), epoch ms. */
  d?: number;
  /** inaction: start of the pending window (the arming event's ts). */
  w?: number;
  /** inaction: id of the event that armed the pending window. */
  c?: string;
  /** inaction: ts of the most recent matching `without` events (bounded), for out-of-order arrivals. */
  b?: number[];
  /** page_count: the counted page views as [ts, urlHash] (bounded by the count). */
  pv?: Array<[number, number]>;
  /** page_count without a window and without distinct: views counted since creation or the last entry. */
  k?: number;
}

/** The user machine's context: one SegState per segment that has ever changed. */
export interface UserContext {
  s: Record<string, SegState>;
}

/** Timestamps of past events per filter key (`<segmentId>#<index>`), newest last, bounded. */
export type History = Record<string, number[]>;

/** Internal machine event types besides the per-event-name ones (`E0`, `E1`, …). */
export const TIMER_DUE = 'TIMER_DUE';
export const PROFILE = 'PROFILE';
/** The machine event type of page views (every page trigger listens to it). */
export const PAGE_VIEW_NAME = '$page_view';

/** What the worker sends into the machine. `type` is an internal name (see Program.typeOf). */
export interface StepEvent {
  type: string;
  /** Processing time: the worker's clock, or the input's arrival time in a backlog. */
  now: number;
  /** The input event, for event-driven steps. */
  ev?: LiveEvent;
  /** The user's profile as of this step. */
  profile: Profile;
  /** Past-behaviour history for filters. */
  history: History;
}

/** Everything a region builder needs to know about its place in the program. */
export interface RegionEnv {
  /** The internal machine event type for an input event name (registers the name). */
  typeFor(eventName: string): string;
  /** Declares that the region reacts to TIMER_DUE / PROFILE steps. */
  uses(type: typeof TIMER_DUE | typeof PROFILE): string;
}

/** Builds the region of one segment whose trigger is `t` (a kind's rules, as plain data). */
export type RegionBuilder<T extends Trigger = Trigger> = (t: T, seg: Segment, env: RegionEnv) => Region;

/**
 * One segment's rules as plain states and transitions, free of XState: rules/machine.ts is the
 * one module that turns a region into a machine.
 */
export interface Region {
  initial: string;
  states: Record<string, { on?: Record<string, Transition | Transition[]> }>;
}

/** A context change: the fields of the context it replaces (XState's `assign`, as a plain function). */
export type Update = (a: Args) => Partial<UserContext>;

/** One transition: the first whose guard passes is taken; its updates apply in order. */
export interface Transition {
  guard?: (a: Args) => boolean;
  /** The next state; without one the state stays and only the context changes. */
  target?: string;
  /** Leaves and re-enters the target even when it is the current state. */
  reenter?: boolean;
  update?: Update | Update[];
}

/** What guards and updates see: the user's context and the step. */
export interface Args {
  context: UserContext;
  event: StepEvent;
}
