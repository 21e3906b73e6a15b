import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { BUCKET_REPORTS, STREAM_ENTRIES } from '../../actors/bus/names.ts';
import { EntryFeed } from './entry-feed.ts';
import { MemberPages } from './member-pages.ts';
import { type Aggregate, emptyAggregate, type Member, parseAggregate, type Report, toReport } from './report-aggregate.ts';
import { aggregateKey, ReportProjector, type ProjectorOptions } from './report-projector.ts';
import { readStream } from './stream-read.ts';

export type { IndexedEntry, Member, Report } from './report-aggregate.ts';

/** How often readiness checks the stream's state while the projection has not reached its target. */
const READY_POLL_MS = 500;
/** How long a request waits for entries this gateway has read but not yet stored. */
const SETTLE_MS = 50;
const decoder = new TextDecoder();
const AGGREGATE_SUBJECTS = `$KV.${BUCKET_REPORTS}.${aggregateKey('>')}`;
const AGGREGATE_PREFIX = AGGREGATE_SUBJECTS.slice(0, -1);

export interface EntryIndexOptions extends Omit<ProjectorOptions, 'onStored'> {
  /** Run a report projector in this gateway (default true; any number may run side by side). */
  project?: boolean;
}

/**
 * The gateway's view of LIVESEG_ENTRIES, at a cost independent of history: report aggregates
 * (KV `liveseg_reports`, one small value per segment) cached in memory and kept current by a
 * core subscription on their KV subjects; members paged from LIVESEG_MEMBERS; new entries and
 * resumption gaps read from the stream (EntryFeed). The projector that maintains aggregates and
 * members runs here too, from its checkpoint, so a restart replays only the tail.
 */
export class EntryIndex {
  private readonly aggs = new Map<string, Aggregate>();
  /** Deleted segments: their aggregates (still in KV, or updated late) are not cached again. */
  private readonly forgotten = new Set<string>();
  private sub?: Subscription;
  private caughtUp!: Promise<void>;
  private poll?: ReturnType<typeof setInterval>;
  readonly projector?: ReportProjector;
  readonly feed: EntryFeed;
  private readonly pages: MemberPages;

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    kv: KV,
    opts: EntryIndexOptions = {},
  ) {
    this.feed = new EntryFeed(js, jsm);
    this.pages = new MemberPages(js, jsm, kv);
    if (opts.project !== false) this.projector = new ReportProjector(js, jsm, kv, { ...opts, onStored: (id, agg) => this.merge(id, agg) });
  }

  /**
   * Loads the stored aggregates and starts the projector; `ready()` resolves once everything the
   * stream held at start is projected. Entries may expire (entry retention) after the stream said
   * what its last one was; then that one is never read, so readiness also follows the stream.
   */
  async start(): Promise<void> {
    const take = ({ subject, data }: { subject: string; data: Uint8Array }) => {
      const agg = data.length ? parseAggregate(decoder.decode(data)) : undefined;
      if (agg) this.merge(subject.slice(AGGREGATE_PREFIX.length), agg);
    };
    // Subscribe before loading: an update between the two is not lost (merge keeps the higher seq).
    this.sub = this.nc.subscribe(AGGREGATE_SUBJECTS, {
      callback: (err, m) => {
        if (!err) take(m);
      },
    });
    await readStream(this.js, this.jsm, `KV_${BUCKET_REPORTS}`, AGGREGATE_SUBJECTS, 'last-per-subject', Number.MAX_SAFE_INTEGER, (m) => {
      take(m);
      return true;
    });
    const { state } = await this.jsm.streams.info(STREAM_ENTRIES);
    const target = state.last_seq;
    const projector = this.projector;
    if (!projector) {
      this.caughtUp = Promise.resolve();
      return;
    }
    await projector.start();
    let markReady!: () => void;
    this.caughtUp = new Promise((resolve) => {
      markReady = () => {
        clearInterval(this.poll);
        resolve();
      };
    });
    void projector.reached(target).then(markReady);
    this.poll = setInterval(async () => {
      const now = await this.jsm.streams.info(STREAM_ENTRIES).then(
        (i) => i.state,
        () => undefined,
      );
      // Everything up to `target` is gone, or what is left has been projected.
      if (now && (now.first_seq > target || now.messages === 0 || projector.sequence >= now.last_seq)) markReady();
    }, READY_POLL_MS);
  }

  /**
   * Resolves once the aggregates hold everything the stream held at start, and what this gateway
   * has read since (waiting at most SETTLE_MS for that).
   */
  async ready(): Promise<void> {
    await this.caughtUp;
    await this.projector?.settle(SETTLE_MS);
  }

  stop(): void {
    clearInterval(this.poll);
    this.sub?.unsubscribe();
    this.projector?.stop();
    this.feed.stop();
  }

  /** Last LIVESEG_ENTRIES sequence projected by this gateway. */
  get sequence(): number {
    return this.projector?.sequence ?? 0;
  }

  /** Number of distinct users that entered the segment. */
  memberCount(segmentId: string): number {
    return this.aggs.get(segmentId)?.members ?? 0;
  }

  /** Members oldest first, from position `cursor`; `next` is the cursor of the following page. */
  async members(segmentId: string, cursor: number, limit: number): Promise<{ total: number; users: Member[]; next: number | null }> {
    const total = this.memberCount(segmentId);
    return { total, ...(await this.pages.page(segmentId, total, cursor, limit)) };
  }

  /** The segment's report as of `now`. */
  report(segmentId: string, createdAt: number, now: number): Report {
    return toReport(this.aggs.get(segmentId) ?? emptyAggregate(), createdAt, now);
  }

  /** Segments with cached aggregates. */
  segmentIds(): string[] {
    return [...this.aggs.keys()];
  }

  /** Drops a deleted segment's aggregates from memory; later updates of it are ignored. */
  forget(segmentId: string): void {
    this.forgotten.add(segmentId);
    this.aggs.delete(segmentId);
  }

  /** Entry totals (re-entries included) and members per segment, for metrics. */
  totals(): Array<{ segmentId: string; entries: number; members: number }> {
    return [...this.aggs].map(([segmentId, a]) => ({ segmentId, entries: a.entries, members: a.members }));
  }

  private merge(segmentId: string, agg: Aggregate): void {
    if (this.forgotten.has(segmentId)) return;
    const had = this.aggs.get(segmentId);
    if (!had || agg.seq > had.seq) this.aggs.set(segmentId, agg);
  }
}
