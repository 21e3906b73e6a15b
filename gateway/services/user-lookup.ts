import type { KV } from '@nats-io/kv';
import { partitionOf } from '../../actors/bus/partition.ts';
import { reachOf } from '../../actors/definition/index.ts';
import { StoredUser, userKey, type UserRecord, type UserView } from '../../actors/user/index.ts';

/**
 * Reads user records from `liveseg_users` as the workers store them. Records are written behind
 * by the workers, so a user's very latest input may not be visible for a moment.
 */
export class UserLookup {
  constructor(
    private readonly kv: KV,
    private readonly partitions: number,
    /** Name of a live segment; undefined for deleted ones (their history still shows). */
    private readonly nameOf: (segmentId: string) => string | undefined,
  ) {}

  /** The user's view, or undefined when no readable record exists (a corrupt one is the worker's to dead-letter). */
  async get(userId: string): Promise<UserView | undefined> {
    const e = await this.kv.get(userKey(partitionOf(userId, this.partitions), userId));
    if (e?.operation !== 'PUT') return undefined;
    try {
      return this.view(userId, new StoredUser(e.json<Partial<UserRecord>>() ?? {}));
    } catch {
      return undefined;
    }
  }

  private view(userId: string, user: StoredUser): UserView {
    const profile = user.profile();
    const name = (id: string) => this.nameOf(id) ?? null;
    return {
      userId: user.userId ?? userId,
      profile,
      reach: reachOf(profile),
      segments: user
        .segments()
        .map((s) => ({
          segmentId: s.segmentId,
          name: name(s.segmentId),
          entries: s.entries,
          lastEntryAt: s.lastEntryAt ?? null,
          cause: s.cause ?? null,
        }))
        .sort((a, b) => (b.lastEntryAt ?? 0) - (a.lastEntryAt ?? 0)),
      pending: user
        .pending()
        .map((p) => ({ segmentId: p.segmentId, name: name(p.segmentId), deadline: p.deadline, cause: p.cause ?? null }))
        .sort((a, b) => a.deadline - b.deadline),
    };
  }
}
