import type { JsMsg } from '@nats-io/jetstream';
import { isRetryable, logText, WriteConflictError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { NumberedEntry, UserActor } from '../user/index.ts';
import { withRevision } from '../user/record.ts';
import { Publication } from './entry-log.ts';
import type { SnapshotCache } from './snapshot-cache.ts';
import type { Cut, PartitionStore, RecordWrite } from './user-store.ts';

const encoder = new TextEncoder();

export interface WriteBehindDeps {
  store: PartitionStore;
  /** Receives each record once written (unless it changed again meanwhile). */
  cache: SnapshotCache;
  log: Logger;
  partition: number;
  /**
   * Checked before every write: a worker that lost its lease must not write. Only a first line:
   * writes in flight can outlive the lease, so every write is also conditional (see PartitionStore).
   */
  isOwner(): boolean;
  /** Called (once per flush) when the lease ran out before the effects could be written. */
  onLeaseExpired(): void;
}

/**
 * The effects of one partition, written behind processing. Each flush writes one consistent cut
 * through the store (PartitionStore.write: index entries that must come first, the records with
 * their entries as an outbox, the entries), acks the last message applied, then lets the store
 * finish the index moves that only had to follow the records (PartitionStore.finish). A write
 * refused because someone else wrote first stops the partition unacked. Flushes run one at a
 * time; changes made meanwhile go into the next one. Changed actors stay here, live, until
 * written (`live`), and only then go to the snapshot cache as text: a reload never sees a stale
 * state.
 */
export class WriteBehind {
  private dirty = new Map<string, UserActor>();
  /** Actors of the flush in progress. */
  private writing = new Map<string, UserActor>();
  private deadlines = new Map<string, number | null>();
  /** Entries produced per user since the last flush began. */
  private outbox = new Map<string, NumberedEntry[]>();
  private lastMsg?: JsMsg;
  private flushing?: Promise<void>;
  private again = false;
  private dropped = false;
  /** Entries written so far. */
  entries = 0;

  constructor(private readonly deps: WriteBehindDeps) {}

  /** Records that `actor` changed, with the entries it produced and, if it changed, its deadline. */
  changed(key: string, actor: UserActor, produced: NumberedEntry[], deadline?: number | null): void {
    this.dirty.set(key, actor);
    if (produced.length) {
      const list = this.outbox.get(key);
      if (list) for (const e of produced) list.push(e);
      else this.outbox.set(key, produced.slice());
    }
    if (deadline !== undefined) this.deadlines.set(key, deadline);
  }

  /** The actor of `key` if it has changes not yet written: it, not any stored copy, is the truth. */
  live(key: string): UserActor | undefined {
    return this.dirty.get(key) ?? this.writing.get(key);
  }

  /** Keys of the users held live: some may have no stored record yet. */
  liveKeys(): string[] {
    return [...new Set([...this.dirty.keys(), ...this.writing.keys()])];
  }

  /** Users held live (changed, not yet written). */
  get liveCount(): number {
    return this.dirty.size + this.writing.size;
  }

  /** The last message applied: acked (with everything before it) once its effects are written. */
  ackUpTo(msg: JsMsg): void {
    this.lastMsg = msg;
  }

  /** Starts a flush, or schedules one after the running one. */
  request(): void {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = this.flush().finally(() => {
      this.flushing = undefined;
      if (this.again) {
        this.again = false;
        this.request();
      }
    });
  }

  /** Resolves once nothing is being written and nothing is left to write. */
  async settle(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.lastMsg || this.dirty.size || this.deadlines.size) await this.flush();
  }

  /** Forgets every unwritten effect (the partition is someone else's now; it will be replayed). */
  drop(): void {
    this.dropped = true;
    this.dirty.clear();
    this.writing.clear();
    this.outbox.clear();
    this.lastMsg = undefined;
    this.deadlines.clear();
  }

  private async flush(): Promise<void> {
    const from = this.deps.store.entries.floor;
    const entries: NumberedEntry[] = [];
    const records: Array<RecordWrite & { json: string; actor: UserActor }> = [];
    for (const [key, actor] of this.dirty) {
      const rec = actor.toRecord();
      const revision = rec.r ?? 0;
      const produced = this.outbox.get(key);
      // The record is the commit point of its entries: it carries them until they are published.
      rec.o = produced ? { f: from, e: produced } : undefined;
      rec.r = undefined; // not stored
      const json = JSON.stringify(rec);
      rec.r = revision;
      const write: (typeof records)[number] = { key, json, bytes: encoder.encode(json), revision, actor };
      if (produced) {
        write.outboxDeadline = actor.nextDeadline() ?? null;
        for (const e of produced) entries.push(e);
      }
      records.push(write);
    }
    this.writing = this.dirty;
    this.dirty = new Map();
    const deadlines = this.deadlines;
    this.deadlines = new Map();
    this.outbox = new Map();
    const ack = this.lastMsg;
    this.lastMsg = undefined;
    if (!records.length && !ack && !deadlines.size) return;
    const cut: Cut = { records, deadlines, entries: new Publication(entries, from) };
    let revisions: Map<string, number> | undefined;
    for (let attempt = 0; ; attempt++) {
      if (this.dropped) return;
      if (!this.deps.isOwner()) {
        this.deps.onLeaseExpired();
        return;
      }
      try {
        if (!revisions) {
          revisions = await this.deps.store.write(cut, () => this.deps.isOwner());
          if (this.dropped) return;
          ack?.ack();
        }
        await this.deps.store.finish(cut);
        break;
      } catch (err) {
        if (err instanceof WriteConflictError) {
          // Someone else wrote a record or deadline since this worker read it: the partition is theirs.
          this.deps.log.warn('write refused: the partition has a new owner', { partition: this.deps.partition });
          this.deps.onLeaseExpired();
          return;
        }
        // A terminal failure here (a record past NATS's max_payload) repeats on every attempt: said
        // at error level so it is seen; retrying keeps every effect (nothing is acked past it).
        const level = isRetryable(err) ? 'warn' : 'error';
        this.deps.log[level]('flush failed, retrying', { partition: this.deps.partition, attempt, err: logText(err) });
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
    this.entries += entries.length;
    for (const r of records) {
      const revision = revisions!.get(r.key)!;
      r.actor.record.r = revision;
      if (!this.dirty.has(r.key)) this.deps.cache.set(r.key, withRevision(r.json, revision));
    }
    this.writing.clear();
  }
}
