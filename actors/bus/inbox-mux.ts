import { createInbox, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import { UnavailableError } from '../errors.ts';

interface Waiting {
  resolve: (m: Msg) => void;
  reject: (err: Error) => void;
  deadline: number;
}

/**
 * Many requests over one inbox: each is a core-NATS publish with a reply subject under a shared
 * inbox, and one subscription matches the replies back by token. This is how JetStream's "async
 * publish" is meant to be used. nats.js's `request` instead creates a mux entry, a timer and two
 * Error objects (with stack capture) per call — one of them even on success — which profiled at
 * ~3× the CPU per message; publishing, KV writes and KV direct gets of a worker are bound by it.
 *
 * Replies come back as they are, status messages (404, 503) included: callers read them.
 * The subscription survives reconnects (nats.js re-subscribes); a request whose reply is lost
 * fails after `timeoutMs`.
 */
export class InboxMux {
  private readonly waiting = new Map<string, Waiting>();
  /**
   * Under the connection's inbox prefix (liveseg's processes connect with their own), so that a
   * producer allowed only `_INBOX.>` never receives the replies a gateway or worker reads.
   */
  private readonly inbox: string;
  private sub?: Subscription;
  private sweeper?: ReturnType<typeof setInterval>;
  private next = 0;

  constructor(
    private readonly nc: NatsConnection,
    readonly timeoutMs = 5000,
  ) {
    // nats.js keeps the connect options on the connection; its public type does not show them.
    this.inbox = createInbox((nc as { options?: { inboxPrefix?: string } }).options?.inboxPrefix);
  }

  /** Sends `data` to `subject`; resolves with the reply (which may be a status message). */
  request(subject: string, data: Uint8Array, headers?: MsgHdrs): Promise<Msg> {
    this.sub ??= this.nc.subscribe(`${this.inbox}.*`, {
      callback: (err, m) => {
        if (!err) this.settle(m);
      },
    });
    this.sweeper ??= setInterval(() => this.sweep(), Math.min(1000, this.timeoutMs));
    const token = (this.next++).toString(36);
    return new Promise<Msg>((resolve, reject) => {
      this.waiting.set(token, { resolve, reject, deadline: performance.now() + this.timeoutMs });
      try {
        this.nc.publish(subject, data, { reply: `${this.inbox}.${token}`, headers });
      } catch (err) {
        this.waiting.delete(token);
        reject(unavailable('could not publish to NATS', err));
      }
    });
  }

  /** Requests still waiting for their reply. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Fails everything outstanding and stops listening. */
  stop(reason = 'stopping'): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.sub?.unsubscribe();
    this.sub = undefined;
    for (const w of this.waiting.values()) w.reject(unavailable(reason));
    this.waiting.clear();
  }

  private settle(m: Msg): void {
    const token = m.subject.slice(this.inbox.length + 1);
    const w = this.waiting.get(token);
    if (!w) return; // timed out already
    this.waiting.delete(token);
    w.resolve(m);
  }

  private sweep(): void {
    const now = performance.now();
    // Deadlines grow with insertion order, which is the Map's order: stop at the first live one.
    for (const [token, w] of this.waiting) {
      if (w.deadline > now) break;
      this.waiting.delete(token);
      w.reject(unavailable(`no reply from NATS within ${this.timeoutMs} ms`));
    }
    if (this.waiting.size === 0) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }
}

/** A reply that is only a status (no data): 503 no responders, 404 not found, 408 timeout… */
export const statusOf = (m: Msg): number => (m.headers?.hasError && m.data.length === 0 ? m.headers.code : 0);

export const unavailable = (message: string, cause?: unknown): UnavailableError => new UnavailableError(message, { cause });
