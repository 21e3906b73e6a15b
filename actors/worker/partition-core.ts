import { isProfileDriven } from '../kinds/index.ts';
import type { Logger } from '../logger.ts';
import type { Program } from '../rules/program.ts';
import type { NumberedEntry, UserActor } from '../user/index.ts';
import type { Input } from './input.ts';
import { TimerHeap } from './timer-heap.ts';

/** Users refreshed per backfill round. */
const BACKFILL_CHUNK = 200;
/** Windows fired per round: small rounds keep lateness low when many fall due together. */
export const TIMER_BATCH = 500;

/**
 * Where the core gets its users, synchronously: the shell has fetched what a step needs before
 * calling it (the simulator keeps everything in memory).
 */
export interface UserSource {
  /**
   * The actor stored under `key`, revived with `program`; a new user when nothing is stored and
   * `userId` is known, otherwise undefined. Throws when the stored record cannot be read.
   */
  actor(key: string, userId: string | undefined, program: Program): UserActor | undefined;
}

/** Receives the effects of a step, to be written behind: records, entries and deadline moves. */
export interface EffectSink {
  /**
   * `actor` changed: store its record and publish `produced`. `deadline` is its new deadline when
   * it moved (null: none left), undefined when the stored index already holds it.
   */
  changed(key: string, actor: UserActor, produced: NumberedEntry[], deadline: number | null | undefined): void;
}

/** What `fireTimers` takes: user keys with the deadlines they were due at. */
export type DueTimers = Array<[string, number]>;

/**
 * The ordering rules of one partition, free of NATS and of clocks: time comes in as `now`, users
 * through a UserSource, effects go out to an EffectSink. It keeps the sequence applied so far, the
 * pending deadlines (one heap for the partition) and the users left to backfill.
 *
 * Rules: an input at or below the sequence applied is a redelivery, and one at or below its user's
 * stored `q` a replay: both are skipped. An input is applied as of min(now, arrival), so a backlog
 * decides windows as they were live; the actor fires its windows due by then before the input
 * itself. An input that left its user unchanged is not stored. Due windows fire at most
 * TIMER_BATCH a round. A new profile-driven segment backfills every stored user.
 */
export class PartitionCore {
  private appliedSeq = 0;
  private readonly timers = new TimerHeap();
  private backfill: string[] = [];
  private due = false;
  /** Valid inputs applied (or found to concern nobody). */
  processed = 0;
  /** Inputs and users skipped because applying them failed for good. */
  poisoned = 0;

  constructor(
    private current: Program,
    readonly partition: number,
    private readonly log: Logger,
  ) {}

  /** The program inputs are applied with. */
  get program(): Program {
    return this.current;
  }

  /**
   * Adopts a new program. True when it adds a profile-driven segment: users already stored may
   * qualify at once, so the caller starts a backfill over them.
   */
  useProgram(program: Program): boolean {
    const before = this.current;
    this.current = program;
    if (before === program) return false;
    return program.segments.some((s) => isProfileDriven(s.kind) && !before.byId.has(s.id));
  }

  /** Re-arms deadlines read from the durable index (a takeover); overdue ones fire at once. */
  restoreDeadlines(deadlines: Iterable<[string, number]>): void {
    for (const [key, d] of deadlines) this.timers.schedule(key, d);
    this.due = true;
  }

  /** Pending windows of the partition. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** The earliest pending deadline: when the shell's timer should ring. */
  nextDeadline(): number | undefined {
    return this.timers.peek();
  }

  /**
   * Applies decoded inputs in order. Returns the highest sequence applied by this call (0 if all
   * were redeliveries): once the effects are written, everything up to it may be acked.
   */
  apply(inputs: readonly Input[], users: UserSource, now: number, out: EffectSink): number {
    const program = this.current;
    let acked = 0;
    for (const input of inputs) {
      const seq = input.seq;
      if (seq <= this.appliedSeq) continue; // a redelivery of something already applied
      this.appliedSeq = acked = seq;
      if (input.kind === 'invalid') continue; // rejected when decoded
      this.processed++;
      if (input.kind === 'ignored') continue;
      let actor: UserActor | undefined;
      try {
        actor = users.actor(input.key, input.userId, program);
      } catch (err) {
        this.skip('user unreadable: input skipped', seq, err);
        continue;
      }
      if (!actor || seq <= actor.record.q) continue; // a replay of an input already applied
      const revision = actor.revision;
      // An input is applied as of its arrival, so a backlog decides windows as they were live.
      const at = Math.min(now, input.arrival);
      let produced: NumberedEntry[] = [];
      try {
        produced = input.kind === 'event' ? actor.applyEvent(input.event, at, program) : actor.applyProfile(input.profile, at, program);
      } catch (err) {
        // A bug must not wedge the partition: log the poison input and move on.
        this.skip('input failed', seq, err);
      }
      if (actor.revision === revision && !produced.length) continue; // nothing to store
      actor.record.q = seq;
      this.changed(input.key, actor, produced, out);
    }
    return acked;
  }

  /** Marks the timers as possibly due (the shell's timer rang, or more were due than a round takes). */
  wakeTimers(): void {
    this.due = true;
  }

  /** Whether timers may be due: a round should call `takeDueTimers`. */
  get timersDue(): boolean {
    return this.due;
  }

  /** Takes the next batch of windows due at or before `now` (none unless woken), at most TIMER_BATCH. */
  takeDueTimers(now: number): DueTimers {
    if (!this.due) return [];
    this.due = false;
    const due = this.timers.popDue(now, TIMER_BATCH);
    // More due than one round takes: come back right after this round.
    if (due.length === TIMER_BATCH) this.due = true;
    return due;
  }

  /** Puts taken timers back (their users could not be fetched; the round is retried). */
  putBack(due: DueTimers): void {
    for (const [key, d] of due) this.timers.schedule(key, d);
    this.due = true;
  }

  /** Fires the windows of `due` as of `now`. */
  fireTimers(due: DueTimers, users: UserSource, now: number, out: EffectSink): void {
    for (const [key, deadline] of due) {
      try {
        const actor = users.actor(key, undefined, this.current);
        if (actor) this.changed(key, actor, actor.fireDue(now), out, true);
      } catch (err) {
        this.skip('window failed: skipped', undefined, err, deadline);
      }
    }
  }

  /** Queues stored users for a backfill (replacing one in progress). */
  startBackfill(keys: string[]): void {
    this.backfill = keys;
  }

  /** Drops the backfill left (the partition stops). */
  cancelBackfill(): void {
    this.backfill = [];
  }

  /** Whether users are left to backfill. */
  get backfilling(): boolean {
    return this.backfill.length > 0;
  }

  /** The keys of the next backfill chunk, for the shell to fetch. */
  nextBackfill(): string[] {
    return this.backfill.slice(0, BACKFILL_CHUNK);
  }

  /** Re-evaluates the profile-driven segments of `keys` (the chunk `nextBackfill` gave) as of `now`. */
  backfillChunk(keys: readonly string[], users: UserSource, now: number, out: EffectSink): void {
    this.backfill.splice(0, keys.length);
    const program = this.current;
    for (const key of keys) {
      try {
        const actor = users.actor(key, undefined, program);
        if (actor) this.changed(key, actor, actor.refresh(now, [], program), out);
      } catch (err) {
        this.skip('backfill failed: user skipped', undefined, err);
      }
    }
  }

  /** Hands a changed actor to the sink, keeping its deadline in the heap and the index in step. */
  private changed(key: string, actor: UserActor, produced: NumberedEntry[], out: EffectSink, popped = false): void {
    const d = actor.nextDeadline();
    const moved = popped || d !== this.timers.deadlineOf(key);
    if (moved) this.timers.schedule(key, d);
    out.changed(key, actor, produced, moved ? (d ?? null) : undefined);
  }

  private skip(msg: string, seq: number | undefined, err: unknown, deadline?: number): void {
    this.poisoned++;
    this.log.error(msg, { partition: this.partition, seq, deadline, err: String(err) });
  }
}
