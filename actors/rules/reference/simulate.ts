/**
 * Drives the real engine (compiled program + user actors) through a history in simulated time,
 * the way a worker does: before each input, every due window fires at its deadline; records are
 * round-tripped through JSON at chosen points to prove persistence loses nothing.
 */
import { compileProgram, type Program } from '../program.ts';
import { newUserRecord, UserActor, type NumberedEntry } from '../../user/index.ts';
import type { Segment } from '../../types.ts';
import { sortEntries, userOf, type Input, type ObservedEntry } from './types.ts';

/** How a simulation persists actors and how far it lets time run after the last input. */
export interface SimulationOptions {
  /** Indices of inputs before which every actor is stored and reloaded from JSON. */
  roundTrips?: ReadonlySet<number>;
  /** Windows with deadlines up to this time fire after the last input (default: all of them). */
  horizon?: number;
}

/** A guard against an engine that keeps reporting a due deadline it does not clear. */
const MAX_FIRES_PER_STEP = 10_000;

const reload = (actor: UserActor, program: Program): UserActor => new UserActor(JSON.parse(JSON.stringify(actor.toRecord())), program);

/**
 * Runs `inputs` (arrival order) through the engine with `segment` as the only live segment and
 * returns every entry, sorted by user and entry number. Before `segment.createdAt` the program is
 * empty; at creation, known users are refreshed (what the worker does when a segment appears).
 */
export function engineEntries(segment: Segment, inputs: Input[], options: SimulationOptions = {}): ObservedEntry[] {
  const live = compileProgram([segment]);
  let program = compileProgram([]);
  let created = false;
  let actors = new Map<string, UserActor>();
  const out: ObservedEntry[] = [];

  const collect = (entries: NumberedEntry[]): void => {
    for (const { n, entry } of entries) {
      const e: ObservedEntry = { userId: entry.userId, n, at: entry.at };
      if (entry.cause.eventId !== undefined) e.eventId = entry.cause.eventId;
      out.push(e);
    }
  };
  // Timers fire at their deadlines, earliest first across users, until none is due at `t`.
  const fireUntil = (t: number): void => {
    for (let i = 0; ; i++) {
      if (i > MAX_FIRES_PER_STEP) throw new Error(`engine keeps a due deadline pending at t=${t}`);
      let next: UserActor | undefined;
      let at = Infinity;
      for (const actor of actors.values()) {
        const d = actor.nextDeadline();
        if (d !== undefined && d <= t && d < at) [next, at] = [actor, d];
      }
      if (next === undefined) return;
      collect(next.fireDue(at));
    }
  };
  const create = (): void => {
    created = true;
    program = live;
    for (const actor of actors.values()) collect(actor.refresh(segment.createdAt, [], program));
  };

  inputs.forEach((input, i) => {
    if (!created && input.arrival >= segment.createdAt) create();
    fireUntil(input.arrival);
    if (options.roundTrips?.has(i)) actors = new Map([...actors].map(([id, a]) => [id, reload(a, program)]));
    const userId = userOf(input);
    let actor = actors.get(userId);
    if (!actor) actors.set(userId, (actor = new UserActor(newUserRecord(userId), program)));
    collect(
      input.event ? actor.applyEvent(input.event, input.arrival, program) : actor.applyProfile(input.profile!, input.arrival, program),
    );
  });
  if (!created) create();
  fireUntil(options.horizon ?? Infinity);
  return sortEntries(out);
}
