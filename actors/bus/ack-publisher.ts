import { headers, type MsgHdrs, type NatsConnection } from '@nats-io/nats-core';
import type { PubAck } from '@nats-io/jetstream';
import { WriteConflictError } from '../errors.ts';
import { InboxMux, statusOf, unavailable } from './inbox-mux.ts';
import { WRONG_LAST_SEQUENCE_CODES } from './write-conflict.ts';

const decoder = new TextDecoder();

/**
 * JetStream publishing with acknowledgements over one shared inbox (see InboxMux): a fraction of
 * the CPU of `js.publish` per message. HTTP ingest and a worker's writes are bound by exactly this.
 *
 * `publish` has the shape of `JetStreamClient.publish` for what Producer uses (subject, data,
 * `msgID`), so the one Producer of actors/bus keeps deciding subjects and ids.
 */
export class AckPublisher {
  /** @param mux the inbox to use; pass one to share it with other requests (e.g. KvPipe gets). */
  constructor(
    nc: NatsConnection,
    readonly timeoutMs = 5000,
    readonly mux = new InboxMux(nc, timeoutMs),
  ) {}

  /** Publishes one message; resolves with JetStream's acknowledgement (duplicates included). */
  async publish(subject: string, data: Uint8Array, opts: { msgID?: string; headers?: MsgHdrs } = {}): Promise<PubAck> {
    let h = opts.headers;
    if (opts.msgID) {
      h ??= headers();
      h.set('Nats-Msg-Id', opts.msgID);
    }
    const m = await this.mux.request(subject, data, h).catch((err: Error) => {
      throw unavailable(err.message.replace('reply from NATS', 'JetStream acknowledgement'), err);
    });
    // A status message without data: no stream listens on the subject (503 no responders).
    if (statusOf(m)) throw unavailable(`JetStream: ${m.headers!.code} ${m.headers!.description}`);
    let ack: PubAck & { error?: { description?: string; err_code?: number } };
    try {
      ack = JSON.parse(decoder.decode(m.data));
    } catch (err) {
      throw unavailable('unreadable JetStream acknowledgement', err);
    }
    if (ack.error && WRONG_LAST_SEQUENCE_CODES.includes(ack.error.err_code ?? 0))
      throw new WriteConflictError(`conditional write refused: ${ack.error.description}`);
    if (ack.error || typeof ack.stream !== 'string')
      throw unavailable(`JetStream refused the message: ${ack.error?.description ?? 'no stream'}`);
    return { ...ack, duplicate: ack.duplicate ?? false };
  }

  /** Acknowledgements still outstanding. */
  get pending(): number {
    return this.mux.pending;
  }

  /** Fails everything outstanding and stops listening. */
  stop(reason = 'the publisher is stopping'): void {
    this.mux.stop(reason);
  }
}
