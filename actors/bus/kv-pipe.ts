import { headers, type MsgHdrs } from '@nats-io/nats-core';
import { WriteConflictError } from '../errors.ts';
import type { AckPublisher } from './ack-publisher.ts';
import { statusOf, unavailable } from './inbox-mux.ts';

const EMPTY = new Uint8Array(0);
const NOT_FOUND = 404;

/** A key as read: its value (undefined when never set or deleted) and its revision (0: never written). */
export interface KvRead {
  value: Uint8Array | undefined;
  revision: number;
}

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
    return (await this.read(key)).value;
  }

  /** The value of `key` with its revision: what a conditional write expects next. */
  async read(key: string): Promise<KvRead> {
    const m = await this.acks.mux.request(this.getPrefix + key, EMPTY);
    const status = statusOf(m);
    if (status === NOT_FOUND) return { value: undefined, revision: 0 };
    if (status) throw unavailable(`KV get of ${this.bucket}/${key}: ${status} ${m.headers!.description}`);
    const revision = Number(m.headers?.get('Nats-Sequence') ?? 0);
    const op = m.headers?.get('KV-Operation');
    return { value: op === 'DEL' || op === 'PURGE' ? undefined : m.data, revision };
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    await this.acks.publish(this.prefix + key, value);
  }

  /**
   * Writes `key` only if its revision is still `revision` (0: never written); resolves with the new
   * revision. Throws WriteConflictError when someone wrote it since: the fence against a stale owner,
   * at no extra cost (one header on the same publish; `KV.update` does the same).
   */
  async update(key: string, value: Uint8Array, revision: number): Promise<number> {
    return (await this.acks.publish(this.prefix + key, value, { headers: expect(revision) })).seq;
  }

  /** Deletes `key` (a delete marker, as `KV.delete` writes it). */
  async delete(key: string): Promise<void> {
    const h = headers();
    h.set('KV-Operation', 'DEL');
    await this.acks.publish(this.prefix + key, EMPTY, { headers: h });
  }

  /**
   * Writes `value` to (or with undefined deletes) `key` if it is still at `revision`; the new
   * revision. A refusal because an earlier attempt of this very write landed (its acknowledgement
   * lost) counts as success.
   */
  async writeIf(key: string, value: Uint8Array | undefined, revision: number): Promise<number> {
    try {
      return value ? await this.update(key, value, revision) : await this.deleteIf(key, revision);
    } catch (err) {
      if (!(err instanceof WriteConflictError)) throw err;
      const now = await this.read(key);
      const landed = value ? now.value !== undefined && same(now.value, value) : now.value === undefined && now.revision > revision;
      if (landed) return now.revision;
      throw err;
    }
  }

  /** Deletes `key` only if its revision is still `revision`; the revision of the delete marker. */
  async deleteIf(key: string, revision: number): Promise<number> {
    const h = expect(revision);
    h.set('KV-Operation', 'DEL');
    return (await this.acks.publish(this.prefix + key, EMPTY, { headers: h })).seq;
  }
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function expect(revision: number): MsgHdrs {
  const h = headers();
  h.set('Nats-Expected-Last-Subject-Sequence', String(revision));
  return h;
}
