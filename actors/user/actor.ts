import { applyProfileUpdate, emptyProfile, jsonSize, reachOf } from '../definition/index.ts';
import { MAX_STORED_PROFILE_BYTES } from '../definition/limits.ts';
import { LivesegError } from '../errors.ts';
import type { Entry, LiveEvent, Profile, ProfileUpdate } from '../types.ts';
import { record as recordHistory } from '../rules/history.ts';
import type { MachineState, Program } from '../rules/program.ts';
import { PROFILE, TIMER_DUE, type History, type StepEvent } from '../rules/types.ts';
import { enteredSegments, pendingWindows, type EnteredSegment, type PendingWindow } from './reads.ts';
import type { UserRecord } from './record.ts';

/** An entry with its number in the segment for this user (the `n` of its Nats-Msg-Id). */
export interface NumberedEntry {
  n: number;
  entry: Entry;
}

/**
 * A user as a virtual actor: a stored record brought to life on demand. Its segments' machines
 * are stepped only when an input concerns them, and turn input and elapsed time into entries. Every input first
 * fires the windows that closed before it (deadline ≤ now), so order is the same whether a timer
 * or the next input comes first.
 */
export class UserActor {
  private program: Program;
  /** The truth: every segment's state name and context, exactly what is persisted. */
  private state: MachineState;
  private deadline: number | undefined;
  private mutations = 0;

  constructor(
    readonly record: UserRecord,
    program: Program,
  ) {
    this.program = program;
    this.state = migrate(record.state, program);
    this.deadline = earliest(this.state);
    this.pruneHistory();
  }

  /** Applies one event at processing time `now`; returns the entries it caused. */
  applyEvent(ev: LiveEvent, now: number, program: Program): NumberedEntry[] {
    this.useProgram(program);
    const out = this.fireDue(now);
    const trackers = program.trackers.get(ev.name);
    if (trackers) {
      recordHistory(this.history(), trackers, ev.ts, ev.props);
      this.mutations++;
    }
    const type = program.typeOf.get(ev.name);
    if (type !== undefined) {
      this.step({ type, now, ev, profile: this.record.profile, history: this.history() }, out);
      this.fireDue(now, out);
    }
    return out;
  }

  /**
   * Merges a profile update (ordered with the user's events) and re-evaluates datetime triggers.
   * Throws a terminal `record_too_large` error, leaving the user untouched, when the merged profile
   * would pass MAX_STORED_PROFILE_BYTES: producers on NATS bypass the gateway's size checks.
   */
  applyProfile(update: ProfileUpdate, now: number, program: Program): NumberedEntry[] {
    const profile = applyProfileUpdate(this.record.profile, update);
    checkProfileSize(profile, this.record.profile);
    this.useProgram(program);
    const out = this.fireDue(now);
    this.record.profile = profile;
    this.mutations++;
    this.refresh(now, out);
    return out;
  }

  /** Re-evaluates profile-driven triggers, e.g. for a segment created after the profile was stored. */
  refresh(now: number, out: NumberedEntry[] = [], program: Program = this.program): NumberedEntry[] {
    this.useProgram(program);
    if (program.segmentsOf.has(PROFILE)) {
      this.step({ type: PROFILE, now, profile: this.record.profile, history: this.history() }, out);
    }
    this.fireDue(now, out);
    return out;
  }

  /** Fires every pending window whose deadline is at or before `now`. */
  fireDue(now: number, out: NumberedEntry[] = []): NumberedEntry[] {
    if (this.deadline !== undefined && this.deadline <= now) {
      this.step({ type: TIMER_DUE, now, profile: this.record.profile, history: this.history() }, out);
    }
    return out;
  }

  /**
   * Counts changes to what is stored: an input that left it unchanged needs no write (and
   * replaying it would change nothing either).
   */
  get revision(): number {
    return this.mutations;
  }

  /** The earliest pending deadline, if any: what the worker's timer index holds for this user. */
  nextDeadline(): number | undefined {
    return this.deadline;
  }

  /** The record to store, with the machine state as of now. */
  toRecord(): UserRecord {
    this.record.state = this.state;
    return this.record;
  }

  /** Segments this user has entered (under the current program), for support tools. */
  segments(): EnteredSegment[] {
    return enteredSegments(this.state.s);
  }

  /** Pending windows per segment, for support tools. */
  pending(): PendingWindow[] {
    return pendingWindows(this.state.s);
  }

  private history(): History {
    return (this.record.h ??= {});
  }

  private useProgram(program: Program): void {
    if (program === this.program) return;
    this.program = program;
    this.state = migrate(this.state, program);
    this.deadline = earliest(this.state);
    this.pruneHistory();
    this.mutations++;
  }

  /** Drops history of filters that no live segment has any more. */
  private pruneHistory(): void {
    const h = this.record.h;
    if (!h) return;
    for (const key of Object.keys(h)) {
      if (!this.program.filterSegments.has(key.slice(0, key.lastIndexOf('#')))) delete h[key];
    }
  }

  /** Steps the machines of the segments that react to `event.type` and whose guards let it through. */
  private step(event: StepEvent, out: NumberedEntry[]): void {
    const args = { context: { s: this.state.s }, event };
    let deadlines = false;
    for (const id of this.program.segmentsOf.get(event.type) ?? []) {
      const m = this.program.machines.get(id)!;
      const before = this.state.s[id];
      // Snapshots are restored per step rather than kept: a hot user then costs its record only.
      const next = m.apply(this.state.value[id] ?? m.initialState, before, event, args);
      if (!next) continue;
      this.mutations++;
      const st = next.st;
      this.state.value[id] = next.value;
      if (st) this.state.s[id] = st;
      if (st?.d !== before?.d) deadlines = true;
      if (!st || st.n === (before?.n ?? 0)) continue;
      out.push({
        n: st.n,
        entry: {
          segmentId: id,
          userId: this.record.userId,
          at: st.at ?? event.now,
          cause: { eventId: st.ev, kind: this.program.byId.get(id)!.kind },
          reach: reachOf(this.record.profile),
        },
      });
    }
    if (deadlines) this.deadline = earliest(this.state);
  }
}

/**
 * Refuses a merged profile over the cap, unless it is no larger than the stored one: a record
 * stored before the cap existed may still shrink.
 */
function checkProfileSize(next: Profile, stored: Profile): void {
  const size = jsonSize(next);
  if (size <= MAX_STORED_PROFILE_BYTES || size <= jsonSize(stored)) return;
  throw new LivesegError(
    'record_too_large',
    `the profile update would make the stored profile ${size} bytes as JSON; the limit is ${MAX_STORED_PROFILE_BYTES} ` +
      '(delete props with null to make room)',
  );
}

/** A stored state carried over to a program: segments that no longer exist are dropped. */
function migrate(state: MachineState | undefined, program: Program): MachineState {
  const out: MachineState = { value: {}, s: {} };
  if (!state) return out;
  // Over the user's few regions, not the program's many segments: this runs on every revive.
  for (const id in state.value) if (program.machines.has(id)) out.value[id] = state.value[id];
  for (const id in state.s) if (program.machines.has(id)) out.s[id] = state.s[id];
  return out;
}

function earliest(state: MachineState): number | undefined {
  let min: number | undefined;
  for (const id in state.s) {
    const d = state.s[id].d;
    if (d !== undefined && (min === undefined || d < min)) min = d;
  }
  return min;
}

/** A fresh record for a user never seen before. */
export const newUserRecord = (userId: string): UserRecord => ({ userId, q: 0, profile: emptyProfile() });

/**
 * A user brought back from its stored JSON ("" = no record yet: a new user, if `userId` is known;
 * undefined otherwise). Throws on a record that is not JSON.
 */
export function reviveUser(json: string, userId: string | undefined, program: Program): UserActor | undefined {
  const record = json ? (JSON.parse(json) as UserRecord) : userId === undefined ? undefined : newUserRecord(userId);
  return record && new UserActor(record, program);
}
