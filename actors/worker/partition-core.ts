import { reasonOf } from '../bus/dead-letters.ts';
import { logText, UnreadableRecordError } from '../errors.ts';
import { isProfileDriven } from '../kinds/index.ts';
import type { Logger } from '../logger.ts';
import type { Program } from '../rules/program.ts';
import { type NumberedEntry, type UserActor, userIdOfKey } from '../user/index.ts';
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
   * `userId` is known, otherwise undefined. Throws UnreadableRecordError when the stored record
   * cannot be read.
   */
  actor(key: string, userId: string | undefined, program: Program): UserActor | undefined;
  /** A new user in place of the unreadable record of `key` (dead-lettered); `actor` returns it from now on. */
  replace(key: string, userId: string, program: Program): UserActor;
}

/**
 * What the core could not use, for the shell to dead-letter: an input that failed to apply, or a
 * stored record that could not be read (its user starts afresh).
 */
export type Poison =
  | { kind: 'input'; seq: number; reason: string }
  | { kind: 'record'; key: string; stored: string; reason: string; seq?: number };

/** Receives the effects of a step, to be written behind: records, entries and deadline moves. */
export interface EffectSink {
  /**
   * `actor` changed: store its record and publish `produced`. `deadline` is its new deadline when
   * it moved (null: none left), undefined when the stored index already holds it.
   */
  changed(key: string, actor: UserActor, produced: NumberedEntry[], deadline: number | null | undefined): void;
  /**
   * `poison` is skipped. The shell stores it in LIVESEG_DLQ before any effect handed over after it
   * is written, and before acking past it: the effects that follow may overwrite what it holds.
   */
  deadLetter(poison: Poison): void;
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
 *
 * Nothing stalls a partition: an input that fails to apply is dead-lettered and skipped (its user
 * is not stored on its account); a stored record that cannot be read is dead-lettered and its
 * user starts again from a new record, which the input (or window) that found it is applied to.
 */
export class PartitionCore {
  private appliedSeq = 0;
  private readonly timers = new TimerHeap();
  private backfill: string[] = [];
  private due = false;
  /** Valid inputs applied (or found to concern nobody). */
  processed = 0;
  /** Inputs, records and windows dead-lettered or skipped because they failed for good. */
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
      let replaced = false;
      try {
        actor = users.actor(input.key, input.userId, program);
      } catch (err) {
        if (!(err instanceof UnreadableRecordError)) {
          this.poison({ kind: 'input', seq, reason: reasonOf(err, 'input_failed') }, out, err);
          continue;
        }
        actor = this.replace(input.key, input.userId, err, users, program, out, seq);
        replaced = true;
      }
      if (!actor || seq <= actor.record.q) continue; // a replay of an input already applied
      const revision = actor.revision;
      // An input is applied as of its arrival, so a backlog decides windows as they were live.
      const at = Math.min(now, input.arrival);
      let produced: NumberedEntry[];
      try {
        produced = input.kind === 'event' ? actor.applyEvent(input.event, at, program) : actor.applyProfile(input.profile, at, program);
      } catch (err) {
        // Will fail the same way every time (a cap, or a bug): dead-letter it and move on.
        this.poison({ kind: 'input', seq, reason: reasonOf(err, 'input_failed') }, out, err);
        if (replaced) this.changed(input.key, actor, [], out); // the unreadable record is still replaced
        continue;
      }
      if (actor.revision === revision && !produced.length && !replaced) continue; // nothing to store
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
        const actor = this.actorOf(key, users, this.current, out);
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
        const actor = this.actorOf(key, users, program, out);
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

  /** The stored actor of `key` for a window or a backfill; a new one, if its record is unreadable. */
  private actorOf(key: string, users: UserSource, program: Program, out: EffectSink): UserActor | undefined {
    try {
      return users.actor(key, undefined, program);
    } catch (err) {
      if (!(err instanceof UnreadableRecordError)) throw err;
      return this.replace(key, userIdOfKey(key), err, users, program, out);
    }
  }

  /** Dead-letters the unreadable record of `key` and starts its user afresh. */
  private replace(
    key: string,
    userId: string,
    err: UnreadableRecordError,
    users: UserSource,
    program: Program,
    out: EffectSink,
    seq?: number,
  ): UserActor {
    this.poison({ kind: 'record', key, stored: err.stored, reason: reasonOf(err, 'record_unreadable'), seq }, out, err);
    return users.replace(key, userId, program);
  }

  private poison(p: Poison, out: EffectSink, err: unknown): void {
    this.poisoned++;
    // No user key in the log: partition and sequence find the dead letter.
    this.log.error(p.kind === 'input' ? 'input failed: dead-lettered' : 'stored record unreadable: dead-lettered, user starts afresh', {
      partition: this.partition,
      seq: p.seq,
      err: logText(err),
    });
    out.deadLetter(p);
  }

  private skip(msg: string, seq: number | undefined, err: unknown, deadline?: number): void {
    this.poisoned++;
    this.log.error(msg, { partition: this.partition, seq, deadline, err: logText(err) });
  }
}
