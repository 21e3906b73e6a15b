import { createInbox, headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import type { PubAck } from '@nats-io/jetstream';
import { ERROR_CODES, LivesegError } from '../../actors/errors.ts';

const decoder = new TextDecoder();

interface Waiting {
  resolve: (ack: PubAck) => void;
  reject: (err: Error) => void;
  deadline: number;
}

/**
 * JetStream publishing with acknowledgements, the way JetStream's "async publish" works: each
 * message is a core-NATS publish with a reply subject under one shared inbox, and one
 * subscription matches the PubAcks back. nats.js's `js.publish` instead makes a request per
 * message (its own mux entry, timer and two Error objects for stack traces), which profiled
 * at ~3× the CPU per message; HTTP ingest is bound by exactly this.
 *
 * `publish` has the shape of `JetStreamClient.publish` for what Producer uses (subject, data,
 * `msgID`), so the one Producer of actors/bus keeps deciding subjects and ids.
 */
export class AckPublisher {
  private readonly waiting = new Map<string, Waiting>();
  private readonly inbox: string;
  private sub?: Subscription;
  private sweeper?: ReturnType<typeof setInterval>;
  private next = 0;

  constructor(private readonly nc: NatsConnection, private readonly timeoutMs = 5000) {
    this.inbox = createInbox();
  }

  /** Publishes one message; resolves with JetStream's acknowledgement (duplicates included). */
  publish(subject: string, data: Uint8Array, opts: { msgID?: string } = {}): Promise<PubAck> {
    this.sub ??= this.nc.subscribe(`${this.inbox}.*`, { callback: (err, m) => { if (!err) this.settle(m); } });
    this.sweeper ??= setInterval(() => this.sweep(), Math.min(1000, this.timeoutMs));
    const token = (this.next++).toString(36);
    return new Promise<PubAck>((resolve, reject) => {
      this.waiting.set(token, { resolve, reject, deadline: performance.now() + this.timeoutMs });
      try {
        const h = headers();
        if (opts.msgID) h.set('Nats-Msg-Id', opts.msgID);
        this.nc.publish(subject, data, { reply: `${this.inbox}.${token}`, headers: h });
      } catch (err) {
        this.waiting.delete(token);
        reject(unavailable('could not publish to NATS', err));
      }
    });
  }

  /** Acknowledgements still outstanding. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Fails everything outstanding and stops listening. */
  stop(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.sub?.unsubscribe();
    this.sub = undefined;
    for (const w of this.waiting.values()) w.reject(unavailable('the gateway is stopping'));
    this.waiting.clear();
  }

  private settle(m: Msg): void {
    const token = m.subject.slice(this.inbox.length + 1);
    const w = this.waiting.get(token);
    if (!w) return; // timed out already
    this.waiting.delete(token);
    // A status message without data: no stream listens on the subject (503 no responders).
    if (m.headers?.hasError && m.data.length === 0) return w.reject(unavailable(`JetStream: ${m.headers.code} ${m.headers.description}`));
    try {
      const ack = JSON.parse(decoder.decode(m.data)) as PubAck & { error?: { description?: string } };
      if (ack.error || typeof ack.stream !== 'string') w.reject(unavailable(`JetStream refused the message: ${ack.error?.description ?? 'no stream'}`));
      else w.resolve({ ...ack, duplicate: ack.duplicate ?? false });
    } catch (err) {
      w.reject(unavailable('unreadable JetStream acknowledgement', err));
    }
  }

  private sweep(): void {
    const now = performance.now();
    // Deadlines grow with insertion order, which is the Map's order: stop at the first live one.
    for (const [token, w] of this.waiting) {
      if (w.deadline > now) break;
      this.waiting.delete(token);
      w.reject(unavailable(`no JetStream acknowledgement within ${this.timeoutMs} ms`));
    }
    if (this.waiting.size === 0) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }
}

const unavailable = (message: string, cause?: unknown) => new LivesegError(ERROR_CODES.unavailable, message, { cause });
