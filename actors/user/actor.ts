import type { AnyMachineSnapshot } from 'xstate';
import { applyProfileUpdate, emptyProfile, reachOf } from '../definition/index.ts';
import type { Entry, LiveEvent, ProfileUpdate } from '../types.ts';
import { persistState, type Program } from '../rules/program.ts';
import type { StepEvent, UserContext } from '../rules/types.ts';
import type { UserRecord } from './record.ts';

/** An entry with its number in the segment for this user (the `n` of its Nats-Msg-Id). */
export interface NumberedEntry {
  n: number;
  entry: Entry;
}

/**
 * A user as a virtual actor: a stored record brought to life on demand. It holds the XState
 * snapshot of the current program and turns input into entries.
 */
export class UserActor {
  private snapshot: AnyMachineSnapshot;
  private program: Program;

  constructor(readonly record: UserRecord, program: Program) {
    this.program = program;
    this.snapshot = program.restore(record.state);
  }

  /** Applies one event; returns the entries it caused. */
  applyEvent(ev: LiveEvent, now: number, program: Program): NumberedEntry[] {
    this.useProgram(program);
    const type = program.typeOf.get(ev.name);
    if (type === undefined) return [];
    return this.step({ type, now, ev, profile: this.record.profile }, program.segmentsOf.get(type) ?? []);
  }

  /** Merges a profile update (in order with the user's events). */
  applyProfile(update: ProfileUpdate, program: Program): NumberedEntry[] {
    this.useProgram(program);
    this.record.profile = applyProfileUpdate(this.record.profile, update);
    return [];
  }

  /** The record to store, with the machine state as of now. */
  toRecord(): UserRecord {
    this.record.state = persistState(this.snapshot);
    return this.record;
  }

  private useProgram(program: Program): void {
    if (program === this.program) return;
    const state = persistState(this.snapshot);
    this.program = program;
    this.snapshot = program.restore(state);
  }

  private step(event: StepEvent, segmentIds: readonly string[]): NumberedEntry[] {
    const before = (this.snapshot.context as UserContext).s;
    const next = this.program.step(this.snapshot, event);
    this.snapshot = next;
    const after = (next.context as UserContext).s;
    if (after === before) return [];
    const entries: NumberedEntry[] = [];
    for (const id of segmentIds) {
      const st = after[id];
      if (!st || st.n === (before[id]?.n ?? 0)) continue;
      entries.push({
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
    return entries;
  }
}

/** A fresh record for a user never seen before. */
export const newUserRecord = (userId: string): UserRecord => ({ userId, q: 0, profile: emptyProfile() });
