import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { STREAM_ENTRIES } from '../../actors/bus/names.ts';
import type { Entry } from '../../actors/types.ts';

/** One member of a segment: a user and the time of their first entry. */
export interface Member {
  userId: string;
  at: number;
}

interface SegmentEntries {
  /** Distinct users in order of their first entry (append-only, so index cursors stay valid). */
  members: Member[];
  seen: Set<string>;
  /** All entries, counting re-entries. */
  count: number;
}

/**
 * A projection of LIVESEG_ENTRIES: rebuilt from the stream at start (the stream is the durable
 * truth), then kept current by an ordered consumer.
 */
export class EntryIndex {
  private readonly bySegment = new Map<string, SegmentEntries>();
  private lastSeq = 0;
  private caughtUp!: Promise<void>;
  private listeners = new Set<(e: Entry) => void>();
  private stopFn?: () => void;

  constructor(private readonly js: JetStreamClient, private readonly jsm: JetStreamManager) {}

  /** Starts following the stream; `ready()` resolves once everything stored at start is read. */
  async start(): Promise<void> {
    const target = (await this.jsm.streams.info(STREAM_ENTRIES)).state.last_seq;
    let markReady!: () => void;
    this.caughtUp = new Promise((r) => { markReady = r; });
    if (target <= this.lastSeq) markReady();
    const consumer = await this.js.consumers.get(STREAM_ENTRIES);
    const messages = await consumer.consume();
    this.stopFn = () => void messages.close();
    void (async () => {
      for await (const m of messages) {
        this.lastSeq = m.seq;
        try {
          this.add(m.json<Entry>());
        } catch { /* not an entry: ignore */ }
        if (m.seq >= target) markReady();
      }
    })();
  }

  ready(): Promise<void> {
    return this.caughtUp;
  }

  stop(): void {
    this.stopFn?.();
  }

  /** Calls `fn` for every entry added from now on; returns the unsubscribe function. */
  subscribe(fn: (e: Entry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Number of distinct users that entered the segment. */
  memberCount(segmentId: string): number {
    return this.bySegment.get(segmentId)?.members.length ?? 0;
  }

  /** Members oldest first, from position `cursor`; `next` is the cursor of the following page. */
  members(segmentId: string, cursor: number, limit: number): { total: number; users: Member[]; next: number | null } {
    const s = this.bySegment.get(segmentId);
    const all = s?.members ?? [];
    const users = all.slice(cursor, cursor + limit);
    const end = cursor + users.length;
    return { total: all.length, users, next: end < all.length ? end : null };
  }

  private add(e: Entry): void {
    let s = this.bySegment.get(e.segmentId);
    if (!s) this.bySegment.set(e.segmentId, (s = { members: [], seen: new Set(), count: 0 }));
    s.count++;
    if (!s.seen.has(e.userId)) {
      s.seen.add(e.userId);
      s.members.push({ userId: e.userId, at: e.at });
    }
    for (const fn of this.listeners) fn(e);
  }
}
