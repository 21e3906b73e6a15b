import type { Profile, Reach } from '../types.ts';

/** What support staff see of one user: the answer of `GET /v1/users/:userId`. */
export interface UserView {
  userId: string;
  profile: Profile;
  reach: Reach;
  /** Segments entered: how often, when last, and the event that caused the last entry. */
  segments: Array<{ segmentId: string; name: string | null; entries: number; lastEntryAt: number | null; cause: string | null }>;
  /** Pending windows (inaction) and instants (datetime) with their deadlines (epoch ms). */
  pending: Array<{ segmentId: string; name: string | null; deadline: number; cause: string | null }>;
}
