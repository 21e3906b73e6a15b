import type { Profile } from '../types.ts';
import { enteredSegments, pendingWindows, type EnteredSegment, type PendingWindow } from './reads.ts';
import type { UserRecord } from './record.ts';

/**
 * A stored user record read as it is, without a program: support tools also show segments deleted
 * since (a UserActor would drop them), and records written by older versions may lack fields.
 */
export class StoredUser {
  constructor(private readonly record: Partial<UserRecord>) {}

  /** The stored user id, if the record has one. */
  get userId(): string | undefined {
    return this.record.userId;
  }

  /** The profile, with the defaults of a fresh one for missing fields. */
  profile(): Profile {
    const p = this.record.profile;
    const profile: Profile = { unsubscribed: p?.unsubscribed ?? [], props: p?.props ?? {} };
    if (p?.timezone !== undefined) profile.timezone = p.timezone;
    return profile;
  }

  /** Segments entered, in stored order. */
  segments(): EnteredSegment[] {
    return enteredSegments(this.record.state?.s);
  }

  /** Pending windows and instants, in stored order. */
  pending(): PendingWindow[] {
    return pendingWindows(this.record.state?.s);
  }
}
