import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { ENTRIES_WILDCARD, RATES_SUBJECT, STREAM_RATES } from '../../actors/bus/names.ts';
import type { Activity, ActivityMeter } from './activity.ts';
import { readStream } from './stream-read.ts';

const encoder = new TextEncoder();
/** What the rate chart opens with. */
const HISTORY_MS = 15 * 60_000;
const ENTRY_PREFIX = ENTRIES_WILDCARD.slice(0, -1);

/** One stored bucket of LIVESEG_RATES: sums over `ticks` activity ticks, entries per segment. */
export interface RateBucket {
  /** End of the bucket, epoch ms. */
  t: number;
  ms: number;
  ticks: number;
  events: number;
  /** Sum of the ticks' active users. */
  activeUsers: number;
  entries: Record<string, number>;
}

/** One point of a segment's rate history: per-second averages over a bucket ending at `t`. */
export interface RatePoint {
  t: number;
  entries: number;
  activeUsers: number;
  events: number;
}

export interface RateRecorderOptions {
  /** Bucket length (default 5 s). */
  bucketMs?: number;
  /** Activity tick (default 1 s: the live feed's `rate` interval). */
  tickMs?: number;
  log?: (message: string) => void;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Records the rate history the report's chart opens with: input activity (one shared core
 * subscription, see ActivityMeter) and entries per segment (a core subscription on entry
 * subjects, counted by subject, never parsed), summed per bucket and published to LIVESEG_RATES
 * (kept 20 minutes). One gateway records at a time (`recording`, set from a RecorderLease), so
 * only that one receives every input while nobody watches; `Nats-Msg-Id` = the bucket's end keeps
 * one copy when two record for a moment, and a gateway publishes only buckets it saw whole. It
 * also hands each activity tick to the live feed, so the meter has one reader, running while
 * this gateway records or someone watches it.
 */
export class RateRecorder {
  private readonly tickListeners = new Set<(a: Activity, t: number) => void>();
  private entriesSub?: Subscription;
  private ticker?: ReturnType<typeof setInterval>;
  private recordingNow = false;
  private watched = false;
  private bucket?: RateBucket;
  /** Start of the first bucket seen whole. */
  private since = Number.POSITIVE_INFINITY;
  /** The stored buckets, read at most once a second however many clients connect. */
  private recent?: { at: number; buckets: Promise<RateBucket[]> };
  readonly bucketMs: number;
  readonly tickMs: number;

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly activity: ActivityMeter,
    private readonly now: () => number,
    private readonly opts: RateRecorderOptions = {},
  ) {
    this.bucketMs = opts.bucketMs ?? 5000;
    this.tickMs = opts.tickMs ?? 1000;
  }

  /** Starts ticking; nothing is received until this gateway records or someone watches. */
  start(): void {
    if (this.ticker) return;
    this.bucket = this.empty(this.now());
    this.ticker = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.recording = false;
    this.watching = false;
  }

  /** True while this gateway records the history (it holds the recorder lease). */
  get recording(): boolean {
    return this.recordingNow;
  }

  set recording(on: boolean) {
    if (on === this.recordingNow) return;
    this.recordingNow = on;
    if (on) {
      const t = this.now();
      this.since = Math.ceil(t / this.bucketMs) * this.bucketMs;
      this.bucket = this.empty(t);
      this.entriesSub = this.nc.subscribe(ENTRIES_WILDCARD, {
        callback: (err, m) => {
          if (err || !this.bucket) return;
          const id = m.subject.slice(ENTRY_PREFIX.length);
          this.bucket.entries[id] = (this.bucket.entries[id] ?? 0) + 1;
        },
      });
    } else {
      this.entriesSub?.unsubscribe();
      this.entriesSub = undefined;
      this.since = Number.POSITIVE_INFINITY;
    }
    this.meter();
  }

  /** True while this gateway receives every input to count activity (it records, or someone watches). */
  get metering(): boolean {
    return this.activity.running;
  }

  /** True while live clients watch this gateway: its ticks then carry the input activity. */
  set watching(on: boolean) {
    this.watched = on;
    this.meter();
  }

  private meter(): void {
    if (this.recordingNow || this.watched) this.activity.start();
    else this.activity.stop();
  }

  /** Calls `fn` with each tick's activity (the live feed's `rate`); returns the unsubscribe function. */
  onTick(fn: (a: Activity, t: number) => void): () => void {
    this.tickListeners.add(fn);
    return () => this.tickListeners.delete(fn);
  }

  /** The segment's rate over the last 15 minutes, oldest first, from LIVESEG_RATES. */
  async history(segmentId: string): Promise<{ bucketMs: number; points: RatePoint[] }> {
    const points = (await this.buckets()).map((b) => {
      const seconds = b.ms / 1000;
      return {
        t: b.t,
        entries: round((b.entries?.[segmentId] ?? 0) / seconds),
        activeUsers: round(b.activeUsers / b.ticks),
        events: round(b.events / seconds),
      };
    });
    return { bucketMs: this.bucketMs, points };
  }

  private buckets(): Promise<RateBucket[]> {
    const at = performance.now();
    if (this.recent && at - this.recent.at < 1000) return this.recent.buckets;
    const from = this.now() - HISTORY_MS;
    const buckets: RateBucket[] = [];
    const read = readStream(this.js, this.jsm, STREAM_RATES, RATES_SUBJECT, { time: from }, 2000, (m) => {
      let b: RateBucket;
      try {
        b = m.json<RateBucket>();
      } catch {
        return true;
      }
      if (typeof b?.t === 'number' && b.ms > 0 && b.ticks > 0 && b.t - b.ms >= from) buckets.push(b);
      return true;
    }).then(() => buckets.sort((x, y) => x.t - y.t));
    this.recent = { at, buckets: read };
    read.catch(() => {
      if (this.recent?.buckets === read) this.recent = undefined;
    });
    return read;
  }

  private empty(t: number): RateBucket {
    const start = Math.floor(t / this.bucketMs) * this.bucketMs;
    return { t: start + this.bucketMs, ms: this.bucketMs, ticks: 0, events: 0, activeUsers: 0, entries: {} };
  }

  private tick(): void {
    const t = this.now();
    const a = this.activity.take();
    for (const fn of this.tickListeners) fn(a, t);
    let b = this.bucket!;
    // A tick covers the interval before it: it belongs to the bucket that interval falls in.
    if (t - this.tickMs / 2 >= b.t) {
      if (b.t - b.ms >= this.since && b.ticks > 0) void this.publish(b);
      b = this.bucket = this.empty(t - this.tickMs / 2);
    }
    b.ticks++;
    b.events += a.events;
    b.activeUsers += a.activeUsers;
  }

  private async publish(b: RateBucket): Promise<void> {
    await this.js.publish(RATES_SUBJECT, encoder.encode(JSON.stringify(b)), { msgID: `rate:${b.t}` }).catch((err) => {
      this.opts.log?.(`rate history: could not store a bucket: ${String(err)}`);
    });
  }
}
