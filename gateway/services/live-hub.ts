import type { Activity } from './activity.ts';
import type { EntryFeed } from './entry-feed.ts';
import type { RateRecorder } from './rate-recorder.ts';
import type { IndexedEntry } from './report-aggregate.ts';

/** One `rate` tick of a segment's live feed. */
export interface Rate {
  /** End of the interval, epoch ms. */
  t: number;
  /** Entries of this segment in the interval. */
  entries: number;
  activeUsers: number;
  events: number;
}

/** What the hub calls on one live client. */
export interface LiveClient {
  entry(e: IndexedEntry): void;
  rate(r: Rate): void;
  /** The gateway is stopping: end the stream. */
  close(): void;
}

/**
 * Fans one entry feed and the rate recorder's activity ticks out to every SSE client, so a
 * thousand viewers cost NATS nothing more than one. The entry feed, and the activity meter of a
 * gateway that does not record the history, run only while at least one client is connected.
 */
export class LiveHub {
  private readonly bySegment = new Map<string, Set<LiveClient>>();
  private readonly entryCounts = new Map<string, number>();
  private size = 0;
  private unsubscribe?: () => void;
  private readonly untick: () => void;

  constructor(
    private readonly feed: EntryFeed,
    private readonly rates: RateRecorder,
  ) {
    this.untick = rates.onTick((a, t) => this.tick(a, t));
  }

  /** Connected clients (a metric). */
  get clients(): number {
    return this.size;
  }

  /** Adds a client of one segment; returns the function that removes it. */
  subscribe(segmentId: string, client: LiveClient): () => void {
    let set = this.bySegment.get(segmentId);
    if (!set) this.bySegment.set(segmentId, (set = new Set()));
    set.add(client);
    this.size++;
    if (this.size === 1) this.begin();
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      set.delete(client);
      if (set.size === 0) this.bySegment.delete(segmentId);
      this.size--;
      if (this.size === 0) this.end();
    };
  }

  /** The first entry sequence a client subscribed just now gets live (call right after `subscribe`). */
  nextLive(): Promise<number> {
    return this.feed.next();
  }

  /** Ends every stream (gateway shutdown). */
  closeAll(): void {
    for (const set of [...this.bySegment.values()]) for (const c of [...set]) c.close();
    this.end();
    this.untick();
  }

  private begin(): void {
    this.rates.watching = true;
    this.entryCounts.clear();
    this.unsubscribe = this.feed.subscribe((e) => {
      const set = this.bySegment.get(e.segmentId);
      if (!set) return;
      this.entryCounts.set(e.segmentId, (this.entryCounts.get(e.segmentId) ?? 0) + 1);
      for (const c of set) c.entry(e);
    });
  }

  private end(): void {
    this.rates.watching = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private tick({ events, activeUsers }: Activity, t: number): void {
    if (this.size === 0) return;
    for (const [segmentId, set] of this.bySegment) {
      const r: Rate = { t, entries: this.entryCounts.get(segmentId) ?? 0, activeUsers, events };
      for (const c of set) c.rate(r);
    }
    this.entryCounts.clear();
  }
}
