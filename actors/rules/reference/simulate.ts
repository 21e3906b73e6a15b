/**
 * Drives the real engine through a history in simulated time: the worker's own partition core
 * (its ordering rules, timer heap and backfill) over an in-memory store. Before each input every
 * window due by its arrival fires at its deadline, through the core's timer path. Each input is
 * read late, as in a backlog, so the core must apply it as of its arrival. At chosen points the
 * partition is taken over: every changed record is written as JSON, a new core starts from the
 * stored deadline index, and the last input comes again (a delivery that was never acked).
 */
import { silentLogger } from '../../logger.ts';
import { userKey } from '../../user/index.ts';
import type { Segment } from '../../types.ts';
import type { Input as CoreInput } from '../../worker/input.ts';
import { MemoryStore } from '../../worker/memory-store.ts';
import { PartitionCore } from '../../worker/partition-core.ts';
import { compileProgram, mentions, type Program } from '../program.ts';
import { sortEntries, type Input, type ObservedEntry } from './types.ts';

/** How a simulation persists actors and how far it lets time run after the last input. */
export interface SimulationOptions {
  /** Indices of inputs before which the partition is taken over (records reloaded from JSON). */
  roundTrips?: ReadonlySet<number>;
  /** Windows with deadlines up to this time fire after the last input (default: all of them). */
  horizon?: number;
}

/** A guard against an engine that keeps reporting a due deadline it does not clear. */
const MAX_FIRES = 10_000;
const PARTITION = 0;

/** An input of the history as the worker decodes it, with stream sequence `seq`. */
function decoded(input: Input, seq: number, program: Program): CoreInput {
  const arrival = input.arrival;
  if (input.profile) {
    const userId = input.profile.userId;
    return { kind: 'profile', seq, arrival, userId, key: userKey(PARTITION, userId), profile: input.profile };
  }
  if (!input.event) throw new Error('an input is an event or a profile update');
  const userId = input.event.userId;
  if (!mentions(program, input.event.name)) return { kind: 'ignored', seq, arrival, userId };
  return { kind: 'event', seq, arrival, userId, key: userKey(PARTITION, userId), event: input.event };
}

/**
 * Runs `inputs` (arrival order) through the engine with `segment` as the only live segment and
 * returns every entry, sorted by user and entry number. Before `segment.createdAt` the program is
 * empty; at creation the core adopts the segment (and backfills stored users if it asks to).
 */
export function engineEntries(segment: Segment, inputs: Input[], options: SimulationOptions = {}): ObservedEntry[] {
  const live = compileProgram([segment]);
  const store = new MemoryStore();
  let core = new PartitionCore(compileProgram([]), PARTITION, silentLogger);
  let created = false;
  let fires = 0;

  // Timers ring at their deadlines, earliest first, until none is due at `t`.
  const fireUntil = (t: number): void => {
    for (let d = core.nextDeadline(); d !== undefined && d <= t; d = core.nextDeadline()) {
      if (++fires > MAX_FIRES) throw new Error(`engine keeps a due deadline pending at t=${t}`);
      core.wakeTimers();
      core.fireTimers(core.takeDueTimers(d), store, d, store);
    }
  };
  const create = (): void => {
    created = true;
    if (!core.useProgram(live)) return;
    core.startBackfill(store.keys());
    while (core.backfilling) core.backfillChunk(core.nextBackfill(), store, segment.createdAt, store);
  };
  // The input is read when the next one arrives: a backlog, which the core applies as of arrival.
  const apply = (i: number): void => {
    const readAt = inputs[i + 1]?.arrival ?? inputs[i].arrival;
    core.apply([decoded(inputs[i], i + 1, core.program)], store, readAt, store);
  };
  const takeOver = (i: number): void => {
    store.flush();
    core = new PartitionCore(core.program, PARTITION, silentLogger);
    core.restoreDeadlines(store.deadlines);
    // The last input was applied and written but never acked: it comes again.
    if (i > 0) apply(i - 1);
  };

  for (let i = 0; i < inputs.length; i++) {
    if (options.roundTrips?.has(i)) takeOver(i);
    if (!created && inputs[i].arrival >= segment.createdAt) create();
    fireUntil(inputs[i].arrival);
    apply(i);
  }
  if (!created) create();
  fireUntil(options.horizon ?? Infinity);

  const out: ObservedEntry[] = [];
  for (const { n, entry } of store.entries) {
    const e: ObservedEntry = { userId: entry.userId, n, at: entry.at };
    if (entry.cause.eventId !== undefined) e.eventId = entry.cause.eventId;
    out.push(e);
  }
  return sortEntries(out);
}
