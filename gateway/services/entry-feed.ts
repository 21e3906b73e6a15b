import { DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { entrySubject, STREAM_ENTRIES } from '../../actors/bus/names.ts';
import { type IndexedEntry, readEntryMessage } from './report-aggregate.ts';
import { readStream } from './stream-read.ts';

/** Entries a resuming live client is sent at most (SSE `Last-Event-ID`). */
export const REPLAY_LIMIT = 1000;

/**
 * New entries of LIVESEG_ENTRIES as they arrive, for the live feed: one ordered consumer from
 * the stream's end, running only while someone listens. `since` reads a resuming client's gap
 * from the stream itself, so no history is held in memory.
 */
export class EntryFeed {
  private readonly listeners = new Set<(e: IndexedEntry) => void>();
  private messages?: ConsumerMessages;
  /** Resolves with the first sequence this run of the feed delivers. */
  private started?: Promise<number>;
  /** Which run of the feed is current (a run that was stopped while starting closes itself). */
  private run = 0;
  /** The last sequence handed to listeners. */
  private delivered = 0;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  /** Calls `fn` for every new entry; returns the unsubscribe function. */
  subscribe(fn: (e: IndexedEntry) => void): () => void {
    this.listeners.add(fn);
    // A feed that cannot start (NATS away) leaves live clients with rates and heartbeats only.
    if (this.listeners.size === 1) this.started = this.begin(++this.run).catch(() => Number.MAX_SAFE_INTEGER);
    return () => {
      if (this.listeners.delete(fn) && this.listeners.size === 0) this.halt();
    };
  }

  /**
   * The first sequence a listener subscribed just now gets from the feed: entries before it (and
   * after the client's last) come from `since`. Call it synchronously after `subscribe`.
   */
  next(): Promise<number> {
    const delivered = this.delivered;
    return (this.started ?? Promise.resolve(Number.MAX_SAFE_INTEGER)).then((from) => Math.max(from, delivered + 1));
  }

  /** Entries of a segment after `after` and before `before`, oldest first (at most REPLAY_LIMIT). */
  async since(segmentId: string, after: number, before: number): Promise<IndexedEntry[]> {
    const out: IndexedEntry[] = [];
    if (after + 1 >= before) return out;
    await readStream(this.js, this.jsm, STREAM_ENTRIES, entrySubject(segmentId), { seq: after + 1 }, REPLAY_LIMIT, (m) => {
      if (m.seq >= before) return false;
      const e = readEntryMessage(m, undefined);
      if (e) out.push(e);
      return true;
    });
    return out;
  }

  stop(): void {
    this.listeners.clear();
    this.halt();
  }

  /** Ends the current run (a run still starting closes itself). */
  private halt(): void {
    this.run++;
    void this.messages?.close();
    this.messages = undefined;
    this.started = undefined;
  }

  private async begin(run: number): Promise<number> {
    const from = (await this.jsm.streams.info(STREAM_ENTRIES)).state.last_seq + 1;
    const consumer = await this.js.consumers.get(STREAM_ENTRIES, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from });
    const messages = await consumer.consume({ max_messages: 1000 });
    if (run !== this.run) {
      void messages.close();
      return from;
    }
    this.messages = messages;
    void (async () => {
      for await (const m of messages) {
        const e = readEntryMessage(m, undefined);
        this.delivered = m.seq;
        if (e) for (const fn of this.listeners) fn(e);
      }
    })();
    return from;
  }
}
