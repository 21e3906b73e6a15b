import { streamSSE, type SSEMessage, type SSEStreamingApi } from 'hono/streaming';
import type { OperationHandler } from '../env.ts';
import type { EntryIndex, IndexedEntry } from '../services/entry-index.ts';
import type { LiveHub } from '../services/live-hub.ts';
import type { RateRecorder } from '../services/rate-recorder.ts';
import type { SegmentStore } from '../services/segment-store.ts';
import { findSegment } from './segments.ts';

/** What the live-feed handler needs. */
export interface LiveDeps {
  segments: SegmentStore;
  entries: EntryIndex;
  hub: LiveHub;
  /** The rate history sent as `event: history` when a client connects. */
  rates: RateRecorder;
  /** Interval of the `: heartbeat` comments that keep proxies from closing idle streams. */
  heartbeatMs: number;
  /** Messages a slow client may have queued before it is disconnected. */
  maxQueued?: number;
}

const entryMessage = (e: IndexedEntry): SSEMessage => ({
  event: 'entry',
  id: String(e.seq),
  data: JSON.stringify({ userId: e.userId, at: e.at, reach: e.reach }),
});

/** `Last-Event-ID` as an entry sequence; anything else means "no resume". */
const resumeAfter = (raw: string | undefined): number | undefined =>
  raw !== undefined && /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;

/**
 * Writes one client's messages in order. Writes wait for the client to read, so a client that
 * stops reading builds a queue; past `max` it is dropped rather than growing memory.
 */
class Outbox {
  private chain: Promise<unknown> = Promise.resolve();
  private queued = 0;
  constructor(
    private readonly stream: SSEStreamingApi,
    private readonly max: number,
    private readonly overflow: () => void,
  ) {}

  send(write: () => Promise<unknown>): void {
    if (this.queued >= this.max) {
      this.overflow();
      return;
    }
    this.queued++;
    this.chain = this.chain
      .then(write)
      .catch(() => undefined)
      .finally(() => {
        this.queued--;
      });
  }

  message(m: SSEMessage): void {
    this.send(() => this.stream.writeSSE(m));
  }

  comment(text: string): void {
    this.send(() => this.stream.write(`: ${text}\n\n`));
  }
}

/** `GET /v1/segments/:id/live`: entries, one-second rates and the rate history of a segment as Server-Sent Events. */
export function liveHandlers(deps: LiveDeps) {
  return {
    liveFeed: async (c) => {
      const segment = findSegment(deps.segments, c.req.param('id')!);
      const after = resumeAfter(c.req.header('last-event-id'));
      c.header('X-Accel-Buffering', 'no'); // nginx: do not buffer the stream
      return streamSSE(c, async (stream) => {
        let finish!: () => void;
        const done = new Promise<void>((r) => {
          finish = r;
        });
        const out = new Outbox(stream, deps.maxQueued ?? 10_000, () => void stream.abort());
        // First bytes at once (proxies and clients see the stream open), and the reconnect delay.
        out.send(() => stream.write('retry: 3000\n: connected\n\n'));
        // Live entries wait while the gap before the live feed is read from the stream, so a
        // resuming client gets each entry once, in order.
        let held: IndexedEntry[] | undefined = after === undefined ? undefined : [];
        const unsubscribe = deps.hub.subscribe(segment.id, {
          entry: (e) => (held ? held.push(e) : out.message(entryMessage(e))),
          rate: (r) => out.message({ event: 'rate', data: JSON.stringify(r) }),
          close: () => void stream.abort(),
        });
        const live = deps.hub.nextLive();
        const heartbeat = setInterval(() => out.comment('heartbeat'), deps.heartbeatMs);
        stream.onAbort(() => {
          clearInterval(heartbeat);
          unsubscribe();
          finish();
        });
        // The last 15 minutes of the rate, so a chart opens drawn (a new event: older clients ignore it).
        const history = await deps.rates.history(segment.id).catch(() => undefined);
        if (history) out.message({ event: 'history', data: JSON.stringify(history) });
        if (after !== undefined) {
          const gap = await live.then((before) => deps.entries.feed.since(segment.id, after, before)).catch(() => []);
          for (const e of gap) out.message(entryMessage(e));
          for (const e of held ?? []) out.message(entryMessage(e));
          held = undefined;
        }
        await done;
      });
    },
  } satisfies Record<string, OperationHandler>;
}
