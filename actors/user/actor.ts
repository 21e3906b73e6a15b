import type { AnyMachineSnapshot } from 'xstate';
import { applyProfileUpdate, emptyProfile, reachOf } from '../definition/index.ts';
import type { Entry, LiveEvent, ProfileUpdate } from '../types.ts';
import { record as recordHistory } from '../rules/history.ts';
import { nextDeadline, persistState, type Program } from '../rules/program.ts';
import { PROFILE, TIMER_DUE, type History, type StepEvent, type UserContext } from '../rules/types.ts';
import type { UserRecord } from './record.ts';

/** An entry with its number in the segment for this user (the `n` of its Nats-Msg-Id). */
export interface NumberedEntry {
  n: number;
  entry: Entry;
}

/**
 * A user as a virtual actor: a stored record brought to life on demand. It holds the XState
 * snapshot of the current program and turns input and elapsed time into entries. Every input first
 * fires the windows that closed before it (deadline ≤ now), so order is the same whether a timer
 * or the next input comes first.
 */
export class UserActor {
  private snapshot: AnyMachineSnapshot;
  private program: Program;

  constructor(readonly record: UserRecord, program: Program) {
    this.program = program;
    this.snapshot = program.restore(record.state);
    this.pruneHistory();
  }

  /** Applies one event at processing time `now`; returns the entries it caused. */
  applyEvent(ev: LiveEvent, now: number, program: Program): NumberedEntry[] {
    this.useProgram(program);
    const out = this.fireDue(now);
    const trackers = program.trackers.get(ev.name);
    if (trackers) recordHistory(this.history(), trackers, ev.ts, ev.props);
    const type = program.typeOf.get(ev.name);
    if (type !== undefined) this.step({ type, now, ev, profile: this.record.profile, history: this.history() }, out);
    this.fireDue(now, out);
    return out;
  }

  /** Merges a profile update (ordered with the user's events) and re-evaluates datetime triggers. */
  applyProfile(update: ProfileUpdate, now: number, program: Program): NumberedEntry[] {
    this.useProgram(program);
    const out = this.fireDue(now);
    this.record.profile = applyProfileUpdate(this.record.profile, update);
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
    const d = nextDeadline(this.snapshot);
    if (d !== undefined && d <= now) {
      this.step({ type: TIMER_DUE, now, profile: this.record.profile, history: this.history() }, out);
    }
    return out;
  }

  /** The earliest pending deadline, if any: what the worker's timer index holds for this user. */
  nextDeadline(): number | undefined {
    return nextDeadline(this.snapshot);
  }

  /** The record to store, with the machine state as of now. */
  toRecord(): UserRecord {
    this.record.state = persistState(this.snapshot);
    return this.record;
  }

  /** Pending windows per segment, for support tools. */
  pending(): Array<{ segmentId: string; deadline: number; cause?: string }> {
    return Object.entries((this.snapshot.context as UserContext).s)
      .filter(([, st]) => st.d !== undefined)
      .map(([segmentId, st]) => ({ segmentId, deadline: st.d!, cause: st.c }));
  }

  private history(): History {
    return (this.record.h ??= {});
  }

  private useProgram(program: Program): void {
    if (program === this.program) return;
    const state = persistState(this.snapshot);
    this.program = program;
    this.snapshot = program.restore(state);
    this.pruneHistory();
  }

  /** Drops history of filters that no live segment has any more. */
  private pruneHistory(): void {
    const h = this.record.h;
    if (!h) return;
    for (const key of Object.keys(h)) {
      if (!this.program.filterSegments.has(key.slice(0, key.lastIndexOf('#')))) delete h[key];
    }
  }

  private step(event: StepEvent, out: NumberedEntry[]): void {
    const before = (this.snapshot.context as UserContext).s;
    const next = this.program.step(this.snapshot, event);
    this.snapshot = next;
    const after = (next.context as UserContext).s;
    if (after === before) return;
    for (const id of this.program.segmentsOf.get(event.type) ?? []) {
      const st = after[id];
      if (!st || st.n === (before[id]?.n ?? 0)) continue;
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
  }
}

/** A fresh record for a user never seen before. */
export const newUserRecord = (userId: string): UserRecord => ({ userId, q: 0, profile: emptyProfile() });
