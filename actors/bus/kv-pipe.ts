import { headers } from '@nats-io/nats-core';
import type { AckPublisher } from './ack-publisher.ts';
import { statusOf, unavailable } from './inbox-mux.ts';

const EMPTY = new Uint8Array(0);
const NOT_FOUND = 404;

/**
 * The hot-path operations of one KV bucket (get, put, delete) spoken directly in the KV wire
 * format over shared inboxes, so that thousands in flight cost no more than core publishes. The
 * stored data stays a normal NATS KV bucket: nats.js `KV` reads and watches what this writes.
 * Needs `allow_direct` on the bucket (nats.js creates buckets with it on NATS ≥ 2.9).
 */
export class KvPipe {
  private readonly prefix: string;
  private readonly getPrefix: string;

  /** @param acks publishes puts and deletes; its inbox also carries the gets. */
  constructor(
    private readonly acks: AckPublisher,
    readonly bucket: string,
  ) {
    this.prefix = `$KV.${bucket}.`;
    this.getPrefix = `$JS.API.DIRECT.GET.KV_${bucket}.${this.prefix}`;
  }

  /** The value of `key`, or undefined when it was never set or is deleted. */
  async get(key: string): Promise<Uint8Array | undefined> {
    const m = await this.acks.mux.request(this.getPrefix + key, EMPTY);
    const status = statusOf(m);
    if (status === NOT_FOUND) return undefined;
    if (status) throw unavailable(`KV get of ${this.bucket}/${key}: ${status} ${m.headers!.description}`);
    const op = m.headers?.get('KV-Operation');
    return op === 'DEL' || op === 'PURGE' ? undefined : m.data;
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    await this.acks.publish(this.prefix + key, value);
  }

  /** Deletes `key` (a delete marker, as `KV.delete` writes it). */
  async delete(key: string): Promise<void> {
    const h = headers();
    h.set('KV-Operation', 'DEL');
    await this.acks.publish(this.prefix + key, EMPTY, { headers: h });
  }
}
