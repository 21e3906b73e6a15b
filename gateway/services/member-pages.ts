import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { memberSubject, STREAM_MEMBERS } from '../../actors/bus/names.ts';
import type { Member } from './report-aggregate.ts';
import { BLOCK, indexKey, type MemberChunk } from './report-projector.ts';
import { readStream } from './stream-read.ts';

/** How many blocks back a page looks for an index key before reading from the stream's start. */
const LOOK_BACK = 4;
/**
 * Chunks read one by one (a get each, ~0.5 ms) before a page reads the rest with a consumer: a
 * consumer costs ~5 ms to create and read (measured on 6M members in 10,000 chunks), and is worth
 * it only where chunks are small (a segment that gains few members per write).
 */
const DIRECT_CHUNKS = 8;

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
    const subject = memberSubject(segmentId);
    const users: Member[] = [];
    /** Takes a chunk's members in the page; false once the page is complete. */
    const take = (c: MemberChunk): boolean => {
      for (let i = Math.max(0, cursor - c.from); i < c.users.length && c.from + i < end; i++) {
        const [userId, at] = c.users[i];
        users.push({ userId, at });
      }
      return c.from + c.users.length < end;
    };
    const { seq, block } = await this.start(segmentId, Math.floor(cursor / BLOCK));
    // The indexed chunk by its sequence, then the following ones of the subject, one get each.
    let m = block >= 0 ? await this.get({ seq }) : await this.get({ seq: 1, next_by_subj: subject });
    for (let n = 0; m && m.subject === subject; n++) {
      if (!take(m.json<MemberChunk>())) return this.result(cursor, users, total);
      if (n >= DIRECT_CHUNKS) break;
      m = await this.get({ seq: m.seq + 1, next_by_subj: subject });
    }
    if (m && m.subject === subject) {
      const max = (Math.floor(cursor / BLOCK) - Math.max(0, block) + 1) * BLOCK + limit + 2;
      await readStream(this.js, this.jsm, STREAM_MEMBERS, subject, { seq: m.seq + 1 }, max, (x) => take(x.json<MemberChunk>()));
    }
    return this.result(cursor, users, total);
  }

  private result(cursor: number, users: Member[], total: number): { users: Member[]; next: number | null } {
    const n = cursor + users.length;
    return { users, next: n < total ? n : null };
  }

  /** One message by sequence, or the next of a subject from a sequence (STREAM.MSG.GET; 2.9 has both). */
  private get(query: { seq: number; next_by_subj?: string }): Promise<StoredMsg | null> {
    // The client's type lists next_by_subj for direct gets only; the server takes it here too.
    return this.jsm.streams.getMessage(STREAM_MEMBERS, query as { seq: number });
  }

  /** The chunk to read from: the nearest indexed block at or before `block` (-1: none). */
  private async start(segmentId: string, block: number): Promise<{ seq: number; block: number }> {
    for (let b = block; b >= 0 && b > block - LOOK_BACK; b--) {
      const e = await this.kv.get(indexKey(segmentId, b));
      const seq = e?.operation === 'PUT' ? Number(e.string()) : Number.NaN;
      if (Number.isSafeInteger(seq) && seq > 0) return { seq, block: b };
    }
    return { seq: 1, block: -1 };
  }
}
