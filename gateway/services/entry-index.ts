import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { STREAM_ENTRIES } from '../../actors/bus/names.ts';
import type { Entry, Reach } from '../../actors/types.ts';
import { SegmentStats, type IndexedEntry, type Member, type Report } from './segment-stats.ts';

export type { IndexedEntry, Member, Report } from './segment-stats.ts';

const NO_REACH: Reach = { email: false, sms: false, whatsapp: false, push: false, web_push: false };

/** Reads an entry defensively: the stream is shared, and one odd message must not stop the index. */
function toIndexed(seq: number, e: Partial<Entry> | null): IndexedEntry | undefined {
  if (!e || typeof e.segmentId !== 'string' || typeof e.userId !== 'string' || typeof e.at !== 'number') return undefined;
  return { seq, segmentId: e.segmentId, userId: e.userId, at: e.at, reach: e.reach && typeof e.reach === 'object' ? e.reach : NO_REACH };
}

/**
 * A projection of LIVESEG_ENTRIES: rebuilt from the stream at start (the stream is the durable
 * truth, so reports survive any restart), then kept current by an ordered consumer. Aggregates
 * are maintained per entry (see SegmentStats), so no request ever scans members.
 */
export class EntryIndex {
  private readonly bySegment = new Map<string, SegmentStats>();
  private lastSeq = 0;
  private caughtUp!: Promise<void>;
  private readonly listeners = new Set<(e: IndexedEntry) => void>();
  private stopFn?: () => void;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  /** Starts following the stream; `ready()` resolves once everything stored at start is read. */
  async start(): Promise<void> {
    const target = (await this.jsm.streams.info(STREAM_ENTRIES)).state.last_seq;
    let markReady!: () => void;
    this.caughtUp = new Promise((r) => {
      markReady = r;
    });
    if (target <= this.lastSeq) markReady();
    const consumer = await this.js.consumers.get(STREAM_ENTRIES);
    // Large pulls: the rebuild at start reads the whole stream (the default of 100 per pull rebuilt 1M entries in 17 s instead of 11 s).
    const messages = await consumer.consume({ max_messages: 10_000 });
    this.stopFn = () => void messages.close();
    void (async () => {
      for await (const m of messages) {
        let entry: Partial<Entry> | null = null;
        try {
          entry = m.json<Entry>();
        } catch {
          /* not JSON: not an entry */
        }
        this.add(m.seq, entry);
        if (m.seq >= target) markReady();
      }
    })();
  }

  /** Resolves once the index holds everything the stream held at start. */
  ready(): Promise<void> {
    return this.caughtUp;
  }

  stop(): void {
    this.stopFn?.();
  }

  /** Stream sequence of the last message read. */
  get sequence(): number {
    return this.lastSeq;
  }

  /** Calls `fn` for every entry added from now on; returns the unsubscribe function. */
  subscribe(fn: (e: IndexedEntry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Number of distinct users that entered the segment. */
  memberCount(segmentId: string): number {
    return this.bySegment.get(segmentId)?.memberCount ?? 0;
  }

  /** Members oldest first, from position `cursor`; `next` is the cursor of the following page. */
  members(segmentId: string, cursor: number, limit: number): { total: number; users: Member[]; next: number | null } {
    return this.stats(segmentId).members(cursor, limit);
  }

  /** The segment's report as of `now` (see SegmentStats.report). */
  report(segmentId: string, createdAt: number, now: number): Report {
    return this.stats(segmentId).report(createdAt, now);
  }

  /** The segment's kept entries after stream sequence `seq`, oldest first. */
  since(segmentId: string, seq: number): IndexedEntry[] {
    return this.bySegment.get(segmentId)?.since(seq) ?? [];
  }

  /** Entry totals (re-entries included) and members per segment, for metrics. */
  totals(): Array<{ segmentId: string; entries: number; members: number }> {
    return [...this.bySegment].map(([segmentId, s]) => ({ segmentId, entries: s.entries, members: s.memberCount }));
  }

  /** Adds one message of the stream (exposed for benchmarks that load an index without NATS). */
  add(seq: number, entry: Partial<Entry> | null): void {
    this.lastSeq = seq;
    const e = toIndexed(seq, entry);
    if (!e) return;
    let s = this.bySegment.get(e.segmentId);
    if (!s) this.bySegment.set(e.segmentId, (s = new SegmentStats()));
    s.add(e);
    for (const fn of this.listeners) fn(e);
  }

  private stats(segmentId: string): SegmentStats {
    return this.bySegment.get(segmentId) ?? EMPTY;
  }
}

const EMPTY = new SegmentStats();
