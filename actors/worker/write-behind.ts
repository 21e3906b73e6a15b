import type { JsMsg } from '@nats-io/jetstream';
import type { AckPublisher } from '../bus/ack-publisher.ts';
import { entryMsgId, entrySubject } from '../bus/names.ts';
import type { Logger } from '../logger.ts';
import type { NumberedEntry, UserActor } from '../user/index.ts';
import type { SnapshotCache } from './snapshot-cache.ts';
import type { PartitionStore } from './user-store.ts';

const encoder = new TextEncoder();

export interface WriteBehindDeps {
  acks: AckPublisher;
  store: PartitionStore;
  /** Receives each record once written (unless it changed again meanwhile). */
  cache: SnapshotCache;
  log: Logger;
  partition: number;
  /** Checked before every write: a worker that lost its lease must not write. */
  isOwner(): boolean;
  /** Called (once per flush) when the lease ran out before the effects could be written. */
  onLeaseExpired(): void;
}

/**
 * The effects of one partition, written behind processing. Each flush writes one consistent cut:
 * the entries (deterministic Nats-Msg-Id), then the changed user records and deadlines, then the
 * ack of the last message applied. Flushes run one at a time; changes made meanwhile go into the
 * next one. Changed actors stay here, live, until written (`live`), and only then go to the
 * snapshot cache as text: a reload never sees a stale state.
 */
export class WriteBehind {
  private dirty = new Map<string, UserActor>();
  /** Actors of the flush in progress. */
  private writing = new Map<string, UserActor>();
  private deadlines = new Map<string, number | null>();
  private outbox: NumberedEntry[] = [];
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
    for (const e of produced) this.outbox.push(e);
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
    if (this.lastMsg || this.dirty.size || this.outbox.length || this.deadlines.size) await this.flush();
  }

  /** Forgets every unwritten effect (the partition is someone else's now; it will be replayed). */
  drop(): void {
    this.dropped = true;
    this.dirty.clear();
    this.writing.clear();
    this.outbox = [];
    this.lastMsg = undefined;
    this.deadlines.clear();
  }

  private async flush(): Promise<void> {
    const records = [...this.dirty].map(([key, actor]) => {
      const json = JSON.stringify(actor.toRecord());
      return { key, json, bytes: encoder.encode(json) };
    });
    this.writing = this.dirty;
    this.dirty = new Map();
    const deadlines = this.deadlines;
    this.deadlines = new Map();
    const entries = this.outbox;
    this.outbox = [];
    const ack = this.lastMsg;
    this.lastMsg = undefined;
    if (!records.length && !entries.length && !ack && !deadlines.size) return;
    for (let attempt = 0; ; attempt++) {
      if (this.dropped) return;
      if (!this.deps.isOwner()) {
        this.deps.onLeaseExpired();
        return;
      }
      try {
        await Promise.all(
          entries.map(({ n, entry }) =>
            this.deps.acks.publish(entrySubject(entry.segmentId), encoder.encode(JSON.stringify(entry)), {
              msgID: entryMsgId(entry.segmentId, entry.userId, n),
            }),
          ),
        );
        await this.deps.store.write(records, deadlines);
        ack?.ack();
        break;
      } catch (err) {
        this.deps.log.warn('flush failed, retrying', { partition: this.deps.partition, attempt, err: String(err) });
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
    this.entries += entries.length;
    for (const r of records) if (!this.dirty.has(r.key)) this.deps.cache.set(r.key, r.json);
    this.writing.clear();
  }
}
