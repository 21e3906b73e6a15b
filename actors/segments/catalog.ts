import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { carry, type SegmentDeadLetter } from '../bus/dead-letters.ts';
import { BUCKET_SEGMENTS } from '../bus/names.ts';
import { compileProgram, type Program } from '../rules/program.ts';
import type { Segment } from '../types.ts';
import { publishSegmentDeadLetter } from './segment-dead-letter.ts';
import { readStoredSegment } from './stored-segment.ts';

/** Stores a segment's dead letter (once per revision); must not throw. */
export type SegmentDeadLetterer = (letter: SegmentDeadLetter) => Promise<void>;

/**
 * The live segment set, kept current by watching the `liveseg_segments` bucket. The worker's
 * program is compiled lazily from it, once per change of the set. A stored value that is not a
 * usable segment (see readStoredSegment) is dead-lettered and left out, so it neither reaches a
 * program nor the gateway's answers; every other segment keeps working.
 */
export class SegmentCatalog {
  private readonly segments = new Map<string, Segment>();
  /** Keys whose stored value is not a usable segment, with why. */
  private readonly broken = new Map<string, string>();
  private seenRevision = 0;
  private version = 0;
  private compiled?: { version: number; program: Program };
  private waiters: Array<{ revision: number; resolve: () => void }> = [];
  private syncing?: Promise<void>;
  private stopped = false;
  private stopWatch?: () => void;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly kv: KV,
    private readonly log: (msg: string) => void,
    private readonly deadLetter: SegmentDeadLetterer,
  ) {}

  /** Opens the bucket and starts watching; resolves once the initial values are loaded. */
  static async open(nc: NatsConnection, log: (msg: string) => void = () => {}): Promise<SegmentCatalog> {
    const kv = await new Kvm(nc).open(BUCKET_SEGMENTS);
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const catalog = new SegmentCatalog(kv, log, (letter) =>
      publishSegmentDeadLetter(js, jsm, letter).catch((err) =>
        log(`could not dead-letter segment ${letter.id} (is LIVESEG_DLQ provisioned?): ${String(err)}`),
      ),
    );
    await catalog.watch();
    await catalog.sync();
    return catalog;
  }

  /** The program compiled from the current segment set. */
  get program(): Program {
    if (this.compiled?.version !== this.version) {
      // Every segment compiled alone when it arrived; this guards the set against one that fails anyway.
      const program = compileProgram([...this.segments.values()], (seg, err) =>
        this.log(`segment ${seg.id} left out of the program: ${String(err)}`),
      );
      this.compiled = { version: this.version, program };
    }
    return this.compiled.program;
  }

  /** All live segments, newest first. */
  list(): Segment[] {
    return [...this.segments.values()].sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  }

  get(id: string): Segment | undefined {
    return this.segments.get(id);
  }

  /** Why the value stored under `id` is not a usable segment; undefined for a usable or absent one. */
  brokenReason(id: string): string | undefined {
    return this.broken.get(id);
  }

  /**
   * Resolves once every segment written before this call is known. Concurrent callers share one
   * request, so many partitions asking at once cost one round trip.
   */
  sync(): Promise<void> {
    this.syncing ??= (async () => {
      try {
        const status = await this.kv.status();
        const last = status.streamInfo.state.last_seq;
        if (last > this.seenRevision) {
          await new Promise<void>((resolve) => this.waiters.push({ revision: last, resolve }));
        }
      } finally {
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  /** Calls `fn` after every change of the segment set; returns the unsubscribe function. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  stop(): void {
    this.stopped = true;
    this.stopWatch?.();
    for (const w of this.waiters) w.resolve();
  }

  private async watch(): Promise<void> {
    const iter = await this.kv.watch();
    this.stopWatch = () => iter.stop();
    void (async () => {
      for await (const e of iter) {
        if (this.stopped) break;
        if (e.operation === 'PUT') {
          const stored = readStoredSegment(e.key, e.value);
          if (stored.ok) {
            this.segments.set(e.key, stored.segment);
            this.broken.delete(e.key);
          } else {
            this.segments.delete(e.key);
            this.broken.set(e.key, stored.reason);
            this.log(`segment ${e.key} left out: ${stored.reason}`);
            void this.deadLetter({ kind: 'segment', reason: stored.reason, id: e.key, revision: e.revision, ...carry('value', e.value) });
          }
        } else {
          this.segments.delete(e.key);
          this.broken.delete(e.key);
        }
        this.seenRevision = Math.max(this.seenRevision, e.revision);
        this.version++;
        for (const fn of this.listeners) fn();
        const due = this.waiters.filter((w) => w.revision <= this.seenRevision);
        if (due.length === 0) continue;
        this.waiters = this.waiters.filter((w) => w.revision > this.seenRevision);
        for (const w of due) w.resolve();
      }
    })();
  }
}
