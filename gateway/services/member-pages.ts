import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { memberSubject, STREAM_MEMBERS } from '../../actors/bus/names.ts';
import type { Member } from './report-aggregate.ts';
import { BLOCK, indexKey, type MemberChunk } from './report-projector.ts';
import { readStream } from './stream-read.ts';

/** How many blocks back a page looks for an index key before reading from the stream's start. */
const LOOK_BACK = 4;

/**
 * Pages of a segment's members, read from LIVESEG_MEMBERS: the cursor is a member's ordinal
 * (position in order of first entry), so it stays valid while users enter and across restarts.
 * The index key of the ordinal's block names the chunk to start from, so a page reads at most
 * about BLOCK + limit members whatever the segment's size.
 */
export class MemberPages {
  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly kv: KV,
  ) {}

  /** Members `cursor` … `cursor + limit - 1` among the first `total`; `next` is the following cursor. */
  async page(segmentId: string, total: number, cursor: number, limit: number): Promise<{ users: Member[]; next: number | null }> {
    if (cursor >= total) return { users: [], next: null };
    const end = Math.min(total, cursor + limit);
    const { seq, block } = await this.start(segmentId, Math.floor(cursor / BLOCK));
    const users: Member[] = [];
    const max = (Math.floor(cursor / BLOCK) - block + 1) * BLOCK + limit + 2;
    await readStream(this.js, this.jsm, STREAM_MEMBERS, memberSubject(segmentId), { seq }, max, (m) => {
      const c = m.json<MemberChunk>();
      for (let i = Math.max(0, cursor - c.from); i < c.users.length && c.from + i < end; i++) {
        const [userId, at] = c.users[i];
        users.push({ userId, at });
      }
      return c.from + c.users.length < end;
    });
    const n = cursor + users.length;
    return { users, next: n < total ? n : null };
  }

  /** The chunk to read from: the nearest indexed block at or before `block`. */
  private async start(segmentId: string, block: number): Promise<{ seq: number; block: number }> {
    for (let b = block; b >= 0 && b > block - LOOK_BACK; b--) {
      const e = await this.kv.get(indexKey(segmentId, b));
      const seq = e?.operation === 'PUT' ? Number(e.string()) : Number.NaN;
      if (Number.isSafeInteger(seq) && seq > 0) return { seq, block: b };
    }
    return { seq: 1, block: 0 };
  }
}
