import { DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { memberSubject, STREAM_ENTRIES, STREAM_MEMBERS } from '../../actors/bus/names.ts';
import { isWrongLastSequence } from '../../actors/bus/write-conflict.ts';
import { type Aggregate, applyEntries, emptyAggregate, parseAggregate, type ProjectedEntry, readEntryMessage } from './report-aggregate.ts';

const encoder = new TextEncoder();
/** Members per chunk message (≈ 50 bytes each: a chunk stays far below the 1 MiB payload limit). */
const CHUNK_MAX = 2000;
/** Every BLOCK-th ordinal has an index key naming the chunk that holds it. */
export const BLOCK = 1024;
/** Wait before writing again after a failed write. */
const RETRY_MS = 1000;
/** KV key of the projector's checkpoint: every entry up to it is applied. */
export const CHECKPOINT_KEY = 'checkpoint';
/** KV key of a segment's aggregate. */
export const aggregateKey = (segmentId: string): string => `s.${segmentId}`;
/** KV key of the chunk holding ordinal `block * BLOCK` of a segment. */
export const indexKey = (segmentId: string, block: number): string => `i.${segmentId}.${block}`;

/** One message of LIVESEG_MEMBERS: members `from`…, each `[userId, at]`, up to entry sequence `seq`. */
export interface MemberChunk {
  from: number;
  seq: number;
  users: Array<[string, number]>;
}

/** Where a segment's members stream ends: its last chunk. */
interface ChunkTail {
  /** LIVESEG_MEMBERS sequence of the last chunk (0: none yet). */
  streamSeq: number;
  /** Members stored (the next chunk's `from`). */
  count: number;
  /** Every first entry up to this LIVESEG_ENTRIES sequence is stored. */
  seq: number;
  from: number;
}

interface SegmentState {
  agg: Aggregate;
  /** KV revision of the aggregate (0: not stored yet). */
  revision: number;
  tail: ChunkTail;
  touched: number;
}

export interface ProjectorOptions {
  /** How long entries collect before one write per segment (default 200 ms). */
  flushMs?: number;
  /** Entries that make a flush happen at once (default 20,000). */
  maxPending?: number;
  /** Segment states idle this long are dropped from memory (default 5 minutes). */
  idleMs?: number;
  log?: (message: string) => void;
  /** Called with each aggregate this projector stored or found stored (the gateway's cache takes it at once). */
  onStored?: (segmentId: string, agg: Aggregate) => void;
}

/**
 * Projects LIVESEG_ENTRIES into NATS: per segment, members in order of first entry (chunks on
 * LIVESEG_MEMBERS) and report aggregates (KV `liveseg_reports`), so a gateway's memory and
 * start-up do not depend on history. Reads from its checkpoint, collects entries per segment
 * for `flushMs`, then writes each segment once.
 *
 * Exactly once, with any number of projectors (every gateway runs one): a member chunk is
 * appended only on top of the chunk it was computed from (`Nats-Expected-Last-Subject-Sequence`)
 * and holds only first entries above the last stored chunk's `seq`; an aggregate is written only
 * over the revision it was computed from and skips entries at or below its `seq`. A writer that
 * loses re-reads and applies only what is left, so replays, crashes and concurrent projectors
 * never count an entry twice.
 */
export class ReportProjector {
  private pending = new Map<string, ProjectedEntry[]>();
  private pendingCount = 0;
  private readonly states = new Map<string, SegmentState>();
  /** Last LIVESEG_ENTRIES sequence read, and the last one whose effects are stored. */
  private readSeq = 0;
  private storedSeq = 0;
  private checkpointed = 0;
  private chain: Promise<void> = Promise.resolve();
  private timer?: ReturnType<typeof setTimeout>;
  private messages?: ConsumerMessages;
  private stopped = false;
  private readonly waiters = new Set<{ seq: number; resolve: () => void }>();
  private readonly flushMs: number;
  private readonly maxPending: number;
  private readonly idleMs: number;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly kv: KV,
    private readonly opts: ProjectorOptions = {},
  ) {
    this.flushMs = opts.flushMs ?? 200;
    this.maxPending = opts.maxPending ?? 20_000;
    this.idleMs = opts.idleMs ?? 5 * 60_000;
  }

  /** The last LIVESEG_ENTRIES sequence whose effects are stored in NATS. */
  get sequence(): number {
    return this.storedSeq;
  }

  /**
   * Stores what was read and not yet written, now, and resolves when done or after `maxWaitMs`:
   * a request right after an entry reached the stream then sees it (read-your-writes), while
   * batching still bounds the writes under load.
   */
  settle(maxWaitMs: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const done = this.pendingCount > 0 ? this.flush() : this.chain;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((r) => {
      timer = setTimeout(r, maxWaitMs);
    });
    return Promise.race([done.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
  }

  /** Resolves once everything up to `seq` is stored. */
  reached(seq: number): Promise<void> {
    if (this.storedSeq >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add({ seq, resolve }));
  }

  /** Reads the checkpoint and starts following LIVESEG_ENTRIES after it. */
  async start(): Promise<void> {
    const stored = Number((await this.kv.get(CHECKPOINT_KEY))?.string());
    this.readSeq = this.storedSeq = this.checkpointed = Number.isSafeInteger(stored) && stored > 0 ? stored : 0;
    const consumer = await this.js.consumers.get(STREAM_ENTRIES, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: this.readSeq + 1,
    });
    // Large pulls: a replay after a long outage reads fast (100 per pull is ~1.5× slower).
    this.messages = await consumer.consume({ max_messages: 10_000 });
    void this.follow(this.messages);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    void this.messages?.close();
  }

  private async follow(messages: ConsumerMessages): Promise<void> {
    for await (const m of messages) {
      this.readSeq = m.seq;
      const e = readEntryMessage(m, m.headers?.get('Nats-Msg-Id'));
      if (e) {
        let list = this.pending.get(e.segmentId);
        if (!list) this.pending.set(e.segmentId, (list = []));
        list.push(e);
        this.pendingCount++;
      }
      if (this.pendingCount < this.maxPending) this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
      else if ((await this.flush()) === false) await new Promise((r) => setTimeout(r, RETRY_MS)); // NATS away: no busy loop
    }
  }

  /** Stores what was read so far (one write per segment); serialized; false when it failed (retried later). */
  flush(): Promise<boolean> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const done = this.chain.then(() => this.flushOnce());
    this.chain = done.then(() => undefined);
    return done;
  }

  private async flushOnce(): Promise<boolean> {
    if (this.stopped) return true;
    const batch = this.pending;
    const upTo = this.readSeq;
    this.pending = new Map();
    this.pendingCount = 0;
    try {
      await Promise.all([...batch].map(([segmentId, entries]) => this.applySegment(segmentId, entries)));
      if (upTo > this.checkpointed) {
        await this.kv.put(CHECKPOINT_KEY, String(upTo));
        this.checkpointed = upTo;
      }
    } catch (err) {
      if (this.stopped) return true;
      // Put the batch back in front: applying is idempotent, so the retry may repeat any part.
      for (const [segmentId, entries] of batch) this.pending.set(segmentId, [...entries, ...(this.pending.get(segmentId) ?? [])]);
      this.pendingCount += [...batch.values()].reduce((n, l) => n + l.length, 0);
      this.states.clear(); // re-read what is stored: a write may have landed before its answer was lost
      this.opts.log?.(`report projection: write failed, retrying: ${String(err)}`);
      this.timer ??= setTimeout(() => void this.flush(), RETRY_MS);
      return false;
    }
    this.storedSeq = Math.max(this.storedSeq, upTo);
    for (const w of [...this.waiters]) {
      if (w.seq > this.storedSeq) continue;
      this.waiters.delete(w);
      w.resolve();
    }
    const idle = performance.now() - this.idleMs;
    for (const [id, s] of this.states) if (s.touched < idle) this.states.delete(id);
    return true;
  }

  private async applySegment(segmentId: string, entries: ProjectedEntry[]): Promise<void> {
    const st = this.states.get(segmentId) ?? (await this.load(segmentId));
    this.states.set(segmentId, st);
    st.touched = performance.now();
    // Members first: a stored aggregate never counts members the members stream lacks.
    for (;;) {
      const fresh = entries.filter((e) => e.first && e.seq > st.tail.seq).slice(0, CHUNK_MAX);
      if (fresh.length === 0) break;
      const chunk: MemberChunk = { from: st.tail.count, seq: fresh.at(-1)!.seq, users: fresh.map((e) => [e.userId, e.at]) };
      try {
        const ack = await this.js.publish(memberSubject(segmentId), encoder.encode(JSON.stringify(chunk)), {
          expect: { lastSubjectSequence: st.tail.streamSeq },
        });
        st.tail = { streamSeq: ack.seq, from: chunk.from, count: chunk.from + fresh.length, seq: chunk.seq };
      } catch (err) {
        if (!isWrongLastSequence(err)) throw err;
        st.tail = await this.lastChunk(segmentId);
      }
      // Also after a conflict: the writer that won may have stopped before writing its index.
      await this.writeIndex(segmentId, st.tail);
    }
    for (;;) {
      if (!entries.some((e) => e.seq > st.agg.seq)) break;
      const next = applyEntries(st.agg, entries);
      try {
        st.revision = await this.kv.put(aggregateKey(segmentId), JSON.stringify(next), { previousSeq: st.revision });
        st.agg = next;
        this.opts.onStored?.(segmentId, next);
      } catch (err) {
        if (!isWrongLastSequence(err)) throw err;
        Object.assign(st, await this.loadAggregate(segmentId));
        this.opts.onStored?.(segmentId, st.agg); // another projector's, newer than the cache may have
      }
    }
  }

  private async load(segmentId: string): Promise<SegmentState> {
    const [agg, tail] = await Promise.all([this.loadAggregate(segmentId), this.lastChunk(segmentId)]);
    await this.writeIndex(segmentId, tail); // its writer may have stopped between the chunk and its index
    return { ...agg, tail, touched: performance.now() };
  }

  private async loadAggregate(segmentId: string): Promise<{ agg: Aggregate; revision: number }> {
    const e = await this.kv.get(aggregateKey(segmentId));
    if (e?.operation !== 'PUT') return { agg: emptyAggregate(), revision: e?.revision ?? 0 };
    return { agg: parseAggregate(e.string()) ?? emptyAggregate(), revision: e.revision };
  }

  private async lastChunk(segmentId: string): Promise<ChunkTail> {
    const m = await this.jsm.streams.getMessage(STREAM_MEMBERS, { last_by_subj: memberSubject(segmentId) });
    if (!m) return { streamSeq: 0, from: 0, count: 0, seq: 0 };
    const c = m.json<MemberChunk>();
    return { streamSeq: m.seq, from: c.from, count: c.from + c.users.length, seq: c.seq };
  }

  /** Index keys of the blocks that start inside the chunk (idempotent puts). */
  private async writeIndex(segmentId: string, tail: ChunkTail): Promise<void> {
    if (tail.streamSeq === 0) return;
    const writes: Promise<unknown>[] = [];
    for (let b = Math.ceil(tail.from / BLOCK); b * BLOCK < tail.count; b++)
      writes.push(this.kv.put(indexKey(segmentId, b), String(tail.streamSeq)));
    await Promise.all(writes);
  }
}
