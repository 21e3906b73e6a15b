import { AckPolicy, DeliverPolicy, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { AckPublisher } from '../bus/ack-publisher.ts';
import { unavailable } from '../bus/inbox-mux.ts';
import { entryMsgId, entrySubject, STREAM_ENTRIES } from '../bus/names.ts';
import type { Clock } from '../clock.ts';
import type { NumberedEntry } from '../user/index.ts';

const encoder = new TextEncoder();

/** The entries of one cut on their way to LIVESEG_ENTRIES: which are known to be stored. */
export class Publication {
  readonly done: boolean[];
  /** When the first attempt started (this worker's clock), once it has. */
  firstTry?: number;

  /** @param from a LIVESEG_ENTRIES sequence before any of them (where a search for them starts). */
  constructor(
    readonly entries: readonly NumberedEntry[],
    readonly from: number,
  ) {
    this.done = entries.map(() => false);
  }
}

/**
 * Publishes entries so that none is stored twice, however late a retry or a replay comes.
 * Within the stream's duplicate window the deterministic `Nats-Msg-Id` drops a second copy; past
 * half of it (measured on this worker's clock since the first attempt), an entry whose
 * acknowledgement never came is first looked for on the stream and published only if absent.
 */
export class EntryLog {
  /** A LIVESEG_ENTRIES sequence every entry published from now on lands after. */
  floor: number;

  private constructor(
    private readonly acks: AckPublisher,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly clock: Clock,
    floor: number,
    /** The stream's duplicate window. */
    readonly windowMs: number,
  ) {
    this.floor = floor;
  }

  static async open(acks: AckPublisher, js: JetStreamClient, jsm: JetStreamManager, clock: Clock): Promise<EntryLog> {
    const info = await jsm.streams.info(STREAM_ENTRIES);
    return new EntryLog(acks, js, jsm, clock, info.state.last_seq, info.config.duplicate_window / 1e6);
  }

  /** Publishes what of `pub` is not known to be stored; throws (to be retried) if any failed. */
  async publish(pub: Publication): Promise<void> {
    const now = this.clock.now();
    if (pub.firstTry === undefined) pub.firstTry = now;
    else if (now - pub.firstTry >= this.windowMs / 2) {
      // The first copies may have landed with their acks lost, and soon the window forgets them.
      const stored = await this.storedIds(
        pub.entries.filter((_, i) => !pub.done[i]),
        pub.from,
      );
      pub.entries.forEach((e, i) => {
        if (stored.has(idOf(e))) pub.done[i] = true;
      });
    }
    const results = await Promise.allSettled(
      pub.entries.map(async (e, i) => {
        if (pub.done[i]) return;
        const ack = await this.acks.publish(entrySubject(e.entry.segmentId), encoder.encode(JSON.stringify(e.entry)), { msgID: idOf(e) });
        pub.done[i] = true;
        if (ack.seq > this.floor) this.floor = ack.seq;
      }),
    );
    for (const r of results) if (r.status === 'rejected') throw r.reason;
  }

  /** Publishes those of `entries` not on the stream after sequence `from` (a new owner's recovery). */
  async publishMissing(entries: readonly NumberedEntry[], from: number): Promise<void> {
    const stored = await this.storedIds(entries, from);
    const missing = entries.filter((e) => !stored.has(idOf(e)));
    for (let attempt = 0; ; attempt++) {
      const pub = new Publication(missing, from);
      pub.firstTry = this.clock.now(); // just searched: no need to search again at once
      try {
        await this.publish(pub);
        return;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  }

  /** The `Nats-Msg-Id`s among `entries` stored after sequence `from`: one scan (headers only) per segment. */
  private async storedIds(entries: readonly NumberedEntry[], from: number): Promise<Set<string>> {
    const found = new Set<string>();
    for (const segmentId of new Set(entries.map((e) => e.entry.segmentId))) {
      const ci = await this.jsm.consumers.add(STREAM_ENTRIES, {
        filter_subject: entrySubject(segmentId),
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: from + 1,
        ack_policy: AckPolicy.None,
        headers_only: true,
        mem_storage: true,
        inactive_threshold: nanos(60_000),
      });
      try {
        let left = ci.num_pending;
        if (!left) continue;
        const consumer = await this.js.consumers.get(STREAM_ENTRIES, ci.name);
        while (left > 0) {
          let got = 0;
          for await (const m of await consumer.fetch({ max_messages: Math.min(left, 1000), expires: 5000 })) {
            got++;
            const id = m.headers?.get('Nats-Msg-Id');
            if (id) found.add(id);
          }
          if (!got) throw unavailable(`no answer while searching ${STREAM_ENTRIES} for entries already published`);
          left -= got;
        }
      } finally {
        await this.jsm.consumers.delete(STREAM_ENTRIES, ci.name).catch(() => undefined);
      }
    }
    return found;
  }
}

const idOf = ({ n, entry }: NumberedEntry): string => entryMsgId(entry.segmentId, entry.userId, n);
