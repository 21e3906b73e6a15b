import type { ActivityMeter } from './activity.ts';
import type { EntryIndex, IndexedEntry } from './entry-index.ts';

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
 * Fans one entry subscription and one input-activity subscription out to every SSE client, so
 * a thousand viewers cost NATS nothing more than one. Subscriptions and the one-second ticker
 * run only while at least one client is connected.
 */
export class LiveHub {
  private readonly bySegment = new Map<string, Set<LiveClient>>();
  private readonly entryCounts = new Map<string, number>();
  private size = 0;
  private unsubscribe?: () => void;
  private ticker?: ReturnType<typeof setInterval>;

  constructor(
    private readonly index: EntryIndex,
    private readonly activity: ActivityMeter,
    private readonly now: () => number,
    private readonly tickMs = 1000,
  ) {}

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

  /** Ends every stream (gateway shutdown). */
  closeAll(): void {
    for (const set of [...this.bySegment.values()]) for (const c of [...set]) c.close();
    this.end();
  }

  private begin(): void {
    this.entryCounts.clear();
    this.unsubscribe = this.index.subscribe((e) => {
      const set = this.bySegment.get(e.segmentId);
      if (!set) return;
      this.entryCounts.set(e.segmentId, (this.entryCounts.get(e.segmentId) ?? 0) + 1);
      for (const c of set) c.entry(e);
    });
    this.activity.start();
    this.ticker = setInterval(() => this.tick(), this.tickMs);
  }

  private end(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.activity.stop();
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private tick(): void {
    const t = this.now();
    const { events, activeUsers } = this.activity.take();
    for (const [segmentId, set] of this.bySegment) {
      const r: Rate = { t, entries: this.entryCounts.get(segmentId) ?? 0, activeUsers, events };
      for (const c of set) c.rate(r);
    }
    this.entryCounts.clear();
  }
}
