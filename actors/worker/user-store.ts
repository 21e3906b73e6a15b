import type { KV } from '@nats-io/kv';
import type { UserRecord } from '../user/record.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The stored side of one partition: user records and the durable index of pending deadlines. */
export class PartitionStore {
  constructor(private readonly users: KV, private readonly timers: KV, readonly partition: number) {}

  /** A user's stored record, or undefined for a user never seen. */
  async load(key: string): Promise<UserRecord | undefined> {
    const e = await this.users.get(key);
    return e && e.operation === 'PUT' ? JSON.parse(decoder.decode(e.value)) as UserRecord : undefined;
  }

  /** Writes records and deadline changes (null clears a deadline). */
  async write(records: Array<{ key: string; bytes: Uint8Array }>, deadlines: Map<string, number | null>): Promise<void> {
    await Promise.all([
      ...records.map((r) => this.users.put(r.key, r.bytes)),
      ...[...deadlines].map(([key, d]) => (d === null
        ? this.timers.delete(key)
        : this.timers.put(key, encoder.encode(String(d))))),
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
    for await (const _ of probe) { any = true; break; }
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

  static encode(record: UserRecord): Uint8Array {
    return encoder.encode(JSON.stringify(record));
  }
}
