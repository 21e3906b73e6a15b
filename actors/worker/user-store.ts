import type { KV } from '@nats-io/kv';
import { WriteConflictError } from '../errors.ts';
import type { KvPipe } from '../bus/kv-pipe.ts';
import { withRevision, type UserRecord } from '../user/record.ts';
import type { NumberedEntry } from '../user/index.ts';
import type { EntryLog, Publication } from './entry-log.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The deadline index value of a user whose record holds an outbox that may not be published yet. */
const OUTBOX_MARK = 'o';
const MARK_BYTES = encoder.encode(OUTBOX_MARK);
const LOADED_MAX = 10_000;

/** The buckets a worker stores users in: pipes for the hot path, nats.js KV for scans. */
export interface UserBuckets {
  users: KV;
  timers: KV;
  userPipe: KvPipe;
  timerPipe: KvPipe;
  /** Where entries are published. */
  entries: EntryLog;
  /** Test only: see WriteFault. */
  fault?: WriteFault;
}

/** The points between a cut's writes, in order: after the index, the records, the entries, the last index moves. */
export type CrashPoint = 'index' | 'records' | 'entries' | 'written';

/**
 * Test only: awaited at each point between a cut's writes, so a test can stop a worker there for
 * good (a promise that never settles is a crash: nothing after it is written or acked).
 */
export type WriteFault = (point: CrashPoint, partition: number) => void | Promise<void>;

/** A changed user record to store. */
export interface RecordWrite {
  key: string;
  bytes: Uint8Array;
  /** The revision it was read or last written at (0: never stored): the write is refused otherwise. */
  revision: number;
  /** Set when it carries an outbox: the user's deadline as of the cut (null: none). */
  outboxDeadline?: number | null;
}

/** One consistent cut of a partition's effects. */
export interface Cut {
  records: RecordWrite[];
  /** Deadline moves (null clears a deadline). */
  deadlines: Map<string, number | null>;
  entries: Publication;
  /** How far the store got with it. */
  plan?: CutPlan;
}

/** The index moves of a cut, before and after its records, and the progress of its writes. */
interface CutPlan {
  /** Before the records (-Infinity: an outbox mark). */
  early: Map<string, number>;
  /** After the records (null: delete). */
  late: Map<string, number | null>;
  /** Users with an outbox: their late move waits for the entries. */
  marked: Set<string>;
  indexed?: boolean;
  revisions?: Map<string, number>;
  moving?: Promise<PromiseSettledResult<void>[]>;
}

/**
 * The stored side of one partition: user records and the durable index of pending deadlines.
 *
 * Every write is conditional on the revision this worker last read or wrote, so a worker that lost
 * the partition cannot overwrite what a new owner wrote, however late its writes arrive; a refused
 * write throws WriteConflictError. A cut is written so that a crash between any two writes loses
 * nothing and duplicates nothing (docs/architecture.md, "How a step works").
 */
export class PartitionStore {
  private readonly users: KV;
  private readonly timers: KV;
  /** Revision of each index key this owner read (at takeover) or wrote. */
  private readonly indexRevs = new Map<string, number>();
  /** The deadline each index key holds (-Infinity: an outbox mark), for keys holding one. */
  private readonly indexed = new Map<string, number>();
  /**
   * Revisions of records read lately, for those whose text cannot carry one: a deleted record, or
   * one that is not JSON (dead-lettered and started afresh). Cleared when large: a write that
   * misses it is refused and the partition restarts and reads again.
   */
  private readonly loaded = new Map<string, number>();

  constructor(
    private readonly buckets: UserBuckets,
    readonly partition: number,
  ) {
    this.users = buckets.users;
    this.timers = buckets.timers;
  }

  /** Where this partition's entries are published. */
  get entries(): EntryLog {
    return this.buckets.entries;
  }

  /** A user's stored record as JSON text (with the revision it was read at), or undefined for a user never seen. */
  async load(key: string): Promise<string | undefined> {
    const { value, revision } = await this.buckets.userPipe.read(key);
    if (revision) {
      if (this.loaded.size >= LOADED_MAX) this.loaded.clear();
      this.loaded.set(key, revision);
    }
    return value ? withRevision(decoder.decode(value), revision) : undefined;
  }

  /**
   * Writes what a cut needs before its messages may be acked: (1) the index entries that must
   * exist before the records (new or earlier deadlines, and an outbox mark for users with
   * entries), (2) the records, (3) the entries; beside the entries it starts the index moves that
   * only had to wait for the records (later deadlines, deletions). Resolves with the new revision
   * of each record. After a failure it is called again and goes on where it stopped. Throws
   * WriteConflictError when a write is refused or `stillOwner` says no before the entries.
   */
  async write(cut: Cut, stillOwner: () => boolean = () => true): Promise<Map<string, number>> {
    const { userPipe, entries, fault } = this.buckets;
    const plan = (cut.plan ??= this.plan(cut));
    if (!plan.indexed) {
      await Promise.all([...plan.early].map(([key, d]) => this.index(key, d)));
      plan.indexed = true;
      await fault?.('index', this.partition);
    }
    if (!plan.revisions) {
      const revisions = new Map<string, number>();
      await Promise.all(
        cut.records.map(async (r) => {
          revisions.set(r.key, await userPipe.writeIf(r.key, r.bytes, r.revision || (this.loaded.get(r.key) ?? 0)));
          this.loaded.delete(r.key);
        }),
      );
      plan.revisions = revisions;
      await fault?.('records', this.partition);
    }
    plan.moving ??= this.move(plan);
    // Records are fenced, entries are not: a worker whose lease ran out meanwhile leaves them to
    // the next owner, who finds them through the marks.
    if (cut.entries.entries.length && !stillOwner()) throw new WriteConflictError('the lease ran out before the entries were published');
    await entries.publish(cut.entries);
    await fault?.('entries', this.partition);
    return plan.revisions;
  }

  /**
   * (4) The index moves left once a cut is written and acked: those `write` started, then the
   * marks replaced by the user's deadline (only now that the entries are published). Losing them
   * costs only work (a window fired early finds nothing due; a mark makes a new owner look for the
   * entries on the stream), so the ack does not wait for them.
   */
  async finish(cut: Cut): Promise<void> {
    const plan = (cut.plan ??= this.plan(cut));
    const failed = (await (plan.moving ??= this.move(plan))).find((r) => r.status === 'rejected');
    if (failed) {
      plan.moving = undefined; // the next call moves them again
      throw failed.reason;
    }
    await Promise.all([...plan.marked].map((key) => this.index(key, plan.late.get(key)!)));
    await this.buckets.fault?.('written', this.partition);
  }

  /** Starts the late index moves of users without an outbox. */
  private move(plan: CutPlan): Promise<PromiseSettledResult<void>[]> {
    return Promise.allSettled([...plan.late].filter(([key]) => !plan.marked.has(key)).map(([key, d]) => this.index(key, d)));
  }

  /** Which index moves go before the records and which after. */
  private plan(cut: Cut): CutPlan {
    const early = new Map<string, number>();
    const late = new Map<string, number | null>();
    const marked = new Set<string>();
    for (const [key, d] of cut.deadlines) {
      const held = this.indexed.get(key);
      // Never later than the stored record's deadline: a later one waits until the record is stored.
      if (d !== null && (held === undefined || d <= held)) early.set(key, d);
      else late.set(key, d);
    }
    for (const r of cut.records) {
      if (r.outboxDeadline === undefined) continue;
      early.set(r.key, -Infinity);
      late.set(r.key, r.outboxDeadline);
      marked.add(r.key);
    }
    return { early, late, marked };
  }

  /** Keys of every stored user of the partition (for backfills). */
  async userKeys(): Promise<string[]> {
    const keys: string[] = [];
    for await (const k of await this.users.keys(`${this.partition}.>`)) keys.push(k);
    return keys;
  }

  /**
   * Every pending deadline of the partition, read in one pass (a takeover re-arms them all). Users
   * marked as holding an outbox get their entries published where a previous owner may not have,
   * and come back due at once, so that their index entry is rewritten.
   */
  async deadlines(): Promise<Array<[string, number]>> {
    const out: Array<[string, number]> = [];
    const probe = await this.timers.keys(`${this.partition}.>`);
    let any = false;
    for await (const _ of probe) {
      any = true;
      break;
    }
    if (!any) return out;
    const marked: string[] = [];
    // Deletes are not ignored: the last message may be one, and its delta of 0 ends the pass.
    const watch = await this.timers.watch({ key: `${this.partition}.>` });
    for await (const e of watch) {
      if (e.operation === 'PUT') {
        this.indexRevs.set(e.key, e.revision);
        const text = e.string();
        const d = Number(text);
        if (text === OUTBOX_MARK) marked.push(e.key);
        else if (Number.isFinite(d)) {
          this.indexed.set(e.key, d);
          out.push([e.key, d]);
        }
      }
      if (!e.delta) break;
    }
    watch.stop();
    for (const key of await this.recoverOutboxes(marked)) out.push([key, 0]);
    return out;
  }

  /** Publishes whatever the outboxes of `keys` hold that is not on the stream; the keys that have a record. */
  private async recoverOutboxes(keys: string[]): Promise<string[]> {
    const stored: string[] = [];
    const entries: NumberedEntry[] = [];
    let from = Infinity;
    await Promise.all(
      keys.map(async (key) => {
        this.indexed.set(key, -Infinity);
        const { value } = await this.buckets.userPipe.read(key);
        if (!value) {
          // The record never landed: nothing was published for it, and nothing is pending.
          await this.index(key, null);
          return;
        }
        stored.push(key);
        let outbox: UserRecord['o'];
        try {
          outbox = (JSON.parse(decoder.decode(value)) as UserRecord).o;
        } catch {
          return; // unreadable: the normal path deals with it when the user is loaded
        }
        if (!outbox?.e?.length) return;
        for (const e of outbox.e) entries.push(e);
        from = Math.min(from, outbox.f);
      }),
    );
    // One search per segment, from the earliest outbox: a takeover after a crash has a few cuts' worth.
    if (entries.length) await this.buckets.entries.publishMissing(entries, from);
    return stored;
  }

  /** Sets (or with null deletes) one index entry, conditionally; -Infinity writes the outbox mark. */
  private async index(key: string, d: number | null): Promise<void> {
    const { timerPipe } = this.buckets;
    const value = d === null ? undefined : d === -Infinity ? MARK_BYTES : encoder.encode(String(d));
    const known = this.indexRevs.get(key);
    let revision: number;
    try {
      revision = await timerPipe.writeIf(key, value, known ?? 0);
    } catch (err) {
      if (!(err instanceof WriteConflictError) || known !== undefined) throw err;
      // A key this owner never saw may hold a delete marker (a window that fired long ago): only a
      // pending deadline someone else wrote is a conflict.
      const now = await timerPipe.read(key);
      if (now.value) throw err;
      revision = await timerPipe.writeIf(key, value, now.revision);
    }
    this.indexRevs.set(key, revision);
    if (d === null) this.indexed.delete(key);
    else this.indexed.set(key, d);
  }
}
