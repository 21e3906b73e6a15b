import type { LiveEvent, Profile, Segment } from '../types.ts';

/** Per-segment state of one user, kept in the machine's context (persisted, so kept short). */
export interface SegState {
  /** Entries so far; the next entry's number is n + 1. */
  n: number;
  /** Time of the last entry. */
  at?: number;
  /** Id of the event that caused the last entry. */
  ev?: string;
}

/** The user machine's context: one SegState per segment that has ever changed. */
export interface UserContext {
  s: Record<string, SegState>;
}

/** What the worker sends into the machine. `type` is an internal name (see Program.typeOf). */
export interface StepEvent {
  type: string;
  /** Processing time (the worker's clock). */
  now: number;
  /** The input event, for event-driven steps. */
  ev?: LiveEvent;
  /** The user's profile as of this step. */
  profile: Profile;
}

/** Everything a region builder needs to know about its place in the program. */
export interface RegionEnv {
  /** The internal machine event type for an input event name (registers the name). */
  typeFor(eventName: string): string;
}

/** Builds the state-node config of one segment's region. */
export type RegionBuilder = (seg: Segment, env: RegionEnv) => RegionConfig;

export interface RegionConfig {
  initial: string;
  states: Record<string, { on?: Record<string, unknown> }>;
}
