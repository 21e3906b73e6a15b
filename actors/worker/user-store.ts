import type { KV } from '@nats-io/kv';
import type { KvPipe } from '../bus/kv-pipe.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The buckets a worker stores users in: pipes for the hot path, nats.js KV for scans. */
export interface UserBuckets {
  users: KV;
  timers: KV;
  userPipe: KvPipe;
  timerPipe: KvPipe;
}

/** The stored side of one partition: user records and the durable index of pending deadlines. */
export class PartitionStore {
  private readonly users: KV;
  private readonly timers: KV;

  constructor(
    private readonly buckets: UserBuckets,
    readonly partition: number,
  ) {
    this.users = buckets.users;
    this.timers = buckets.timers;
  }

  /** A user's stored record as JSON text, or undefined for a user never seen. */
  async load(key: string): Promise<string | undefined> {
    const bytes = await this.buckets.userPipe.get(key);
    return bytes ? decoder.decode(bytes) : undefined;
  }

  /** Writes records and deadline changes (null clears a deadline). */
  async write(records: Array<{ key: string; bytes: Uint8Array }>, deadlines: Map<string, number | null>): Promise<void> {
    const { userPipe, timerPipe } = this.buckets;
    await Promise.all([
      ...records.map((r) => userPipe.put(r.key, r.bytes)),
      ...[...deadlines].map(([key, d]) => (d === null ? timerPipe.delete(key) : timerPipe.put(key, encoder.encode(String(d))))),
    ]);
  }

  /** Keys of every stored user of the partition (for backfills). */
  async userKeys(): Promise<string[]> {
    const keys: string[] = [];
    for await (const k of await this.users.keys(`${this.partition}.>`)) keys.push(k);
    return keys;
  }

  /** Every pending deadline of the partition, read in one pass (a takeover re-arms them all). */
  async deadlines(): Promise<Array<[string, number]>> {
    const out: Array<[string, number]> = [];
    const probe = await this.timers.keys(`${this.partition}.>`);
    let any = false;
    for await (const _ of probe) {
      any = true;
      break;
    }
    if (!any) return out;
    // Deletes are not ignored: the last message may be one, and its delta of 0 ends the pass.
    const watch = await this.timers.watch({ key: `${this.partition}.>` });
    for await (const e of watch) {
      const d = Number(e.string());
      if (e.operation === 'PUT' && Number.isFinite(d)) out.push([e.key, d]);
      if (!e.delta) break;
    }
    watch.stop();
    return out;
  }
}
