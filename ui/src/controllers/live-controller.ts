/** Follows a segment's live stream (SSE) with reconnection, and hands out its events. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient, LiveEntry, RateSample, SseMessage } from '../api/index.ts';
import { isAbort, isApiError } from '../api/index.ts';

/** Connection state shown to people: off, connecting, live, reconnecting after a drop, or given up. */
export type LiveStatus = 'off' | 'connecting' | 'live' | 'reconnecting' | 'error';

export interface LiveOptions {
  client: () => ApiClient;
  segmentId: () => string | undefined;
  onEntry: (e: LiveEntry) => void;
  onRate: (r: RateSample) => void;
  /** The rate of the last 15 minutes, sent once per connection (`event: history`), oldest first. */
  onHistory?: (points: HistorySample[]) => void;
  /** No message for this long (the server sends `rate` every second) means the stream is stuck. */
  staleMs?: number;
  /** Longest wait between reconnect attempts. */
  maxBackoffMs?: number;
}

/** A point of the rate history: per-second averages over the `span` seconds before `t`. */
export type HistorySample = RateSample & { span: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0);

/** Points of a `history` message (`{ bucketMs, points }`); malformed points are left out. */
function parseHistory(v: Record<string, unknown>): HistorySample[] | undefined {
  if (!Array.isArray(v.points) || typeof v.bucketMs !== 'number' || !(v.bucketMs > 0)) return undefined;
  const span = v.bucketMs / 1000;
  return v.points
    .filter((p): p is Record<string, unknown> => isObject(p) && typeof p.t === 'number' && Number.isFinite(p.t))
    .map((p) => ({ t: p.t as number, entries: num(p.entries), activeUsers: num(p.activeUsers), events: num(p.events), span }));
}

/** Parses a live message into an entry, a rate sample or the rate history; anything malformed is ignored. */
export function parseLiveMessage(m: SseMessage): { entry?: LiveEntry; rate?: RateSample; history?: HistorySample[] } {
  let v: unknown;
  try {
    v = JSON.parse(m.data);
  } catch {
    return {};
  }
  if (!isObject(v)) return {};
  if (m.event === 'entry' && typeof v.userId === 'string' && typeof v.at === 'number') {
    return { entry: { userId: v.userId, at: v.at, reach: (isObject(v.reach) ? v.reach : {}) as LiveEntry['reach'] } };
  }
  if (m.event === 'rate' && typeof v.t === 'number') {
    const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
    return { rate: { t: v.t, entries: n(v.entries), activeUsers: n(v.activeUsers), events: n(v.events) } };
  }
  if (m.event === 'history') {
    const history = parseHistory(v);
    return history ? { history } : {};
  }
  return {};
}

/**
 * Opens the stream when the host connects (and again when the segment or client changes),
 * reconnects with capped exponential backoff, and stops for good on 401/403/404.
 */
export class LiveController implements ReactiveController {
  status: LiveStatus = 'off';
  /** Why the stream gave up (status "error"). */
  error: unknown;
  private key: string | undefined;
  private abort?: AbortController;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: LiveOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    // A detached report may still render once; it must not open a stream nobody closes.
    if (!this.connected) return;
    const id = this.opts.segmentId();
    const client = this.opts.client();
    const key = id === undefined ? undefined : JSON.stringify([client.apiBase, client.apiKey, id]);
    if (key === this.key) return;
    this.key = key;
    this.stop();
    if (id !== undefined) void this.loop(client, id, (this.abort = new AbortController()).signal);
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
    this.key = undefined;
  }

  private stop(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.set('off');
  }

  private set(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.host.requestUpdate();
  }

  private async loop(client: ApiClient, id: string, signal: AbortSignal): Promise<void> {
    const staleMs = this.opts.staleMs ?? 10_000;
    const maxBackoff = this.opts.maxBackoffMs ?? 15_000;
    let attempt = 0;
    // Sent back on reconnect, so entries of the gap are replayed by the gateway.
    let lastEventId: string | undefined;
    this.set('connecting');
    while (!signal.aborted) {
      const conn = new AbortController();
      const onAbort = () => conn.abort();
      signal.addEventListener('abort', onAbort);
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => conn.abort(), staleMs);
      };
      let retryMs: number | undefined;
      try {
        arm();
        const end = await client.live(
          id,
          {
            lastEventId,
            onOpen: () => {
              attempt = 0;
              this.error = undefined;
              this.set('live');
            },
            onMessage: (m) => {
              arm();
              if (m.id !== undefined) lastEventId = m.id;
              const { entry, rate, history } = parseLiveMessage(m);
              if (entry) this.opts.onEntry(entry);
              if (rate) this.opts.onRate(rate);
              if (history) this.opts.onHistory?.(history);
            },
          },
          conn.signal,
        );
        retryMs = end.retryMs;
      } catch (e) {
        if (signal.aborted) return;
        if (isApiError(e) && [401, 403, 404].includes(e.status)) {
          this.error = e;
          this.set('error');
          return;
        }
        if (!isAbort(e)) this.error = e;
      } finally {
        clearTimeout(watchdog);
        signal.removeEventListener('abort', onAbort);
      }
      if (signal.aborted) return;
      this.set('reconnecting');
      // The server's `retry:` is a floor; repeated failures back off further (with jitter).
      const backoff = Math.max(retryMs ?? 0, Math.min(maxBackoff, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5));
      attempt++;
      await sleep(backoff, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
