import type { KV } from '@nats-io/kv';
import { partitionOf } from '../../actors/bus/partition.ts';
import { reachOf } from '../../actors/definition/index.ts';
import type { SegState } from '../../actors/rules/index.ts';
import type { Profile, Reach } from '../../actors/types.ts';
import { userKey, type UserRecord } from '../../actors/user/index.ts';

/** What support staff see of one user (`GET /v1/users/:userId`). */
export interface UserView {
  userId: string;
  profile: Profile;
  reach: Reach;
  /** Segments entered: how often, when last, and the event that caused the last entry. */
  segments: Array<{ segmentId: string; name: string | null; entries: number; lastEntryAt: number | null; cause: string | null }>;
  /** Pending windows (inaction) and instants (datetime) with their deadlines. */
  pending: Array<{ segmentId: string; name: string | null; deadline: number; cause: string | null }>;
}

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

  /** The user's view, or undefined when no record exists. */
  async get(userId: string): Promise<UserView | undefined> {
    const e = await this.kv.get(userKey(partitionOf(userId, this.partitions), userId));
    if (e?.operation !== 'PUT') return undefined;
    let record: UserRecord;
    try {
      record = e.json<UserRecord>();
    } catch {
      return undefined;
    }
    const profile: Profile = { unsubscribed: record.profile?.unsubscribed ?? [], props: record.profile?.props ?? {} };
    if (record.profile?.timezone !== undefined) profile.timezone = record.profile.timezone;
    const states = Object.entries<SegState>(record.state?.s ?? {});
    const name = (id: string) => this.nameOf(id) ?? null;
    return {
      userId: record.userId ?? userId,
      profile,
      reach: reachOf(profile),
      segments: states
        .filter(([, st]) => st.n > 0)
        .map(([id, st]) => ({ segmentId: id, name: name(id), entries: st.n, lastEntryAt: st.at ?? null, cause: st.ev ?? null }))
        .sort((a, b) => (b.lastEntryAt ?? 0) - (a.lastEntryAt ?? 0)),
      pending: states
        .filter(([, st]) => st.d !== undefined)
        .map(([id, st]) => ({ segmentId: id, name: name(id), deadline: st.d!, cause: st.c ?? null }))
        .sort((a, b) => a.deadline - b.deadline),
    };
  }
}
