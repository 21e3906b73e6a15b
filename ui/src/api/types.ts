/** Shapes of the gateway's HTTP answers (docs/http-api.md) as the UI reads them. */
import type { Channel, Problem, Reach, SegmentDefinition, TriggerKind } from '../../../actors/types.ts';

/** A row of `GET /v1/segments`. */
export interface SegmentSummary {
  id: string;
  name: string;
  kind: TriggerKind;
  createdAt: number;
  members: number;
}

/** `GET /v1/segments/:id` and the 201 body of `POST /v1/segments`. */
export interface SegmentDetail {
  id: string;
  name: string;
  kind: TriggerKind;
  createdAt: number;
  definition: SegmentDefinition;
  description: string;
}

/** One member: a user and the time of their first entry. */
export interface Member {
  userId: string;
  at: number;
}

/** A page of `GET /v1/segments/:id/members`; `next` is the cursor of the following page or null. */
export interface MembersPage {
  total: number;
  users: Member[];
  next: string | null;
}

/** A user entering a segment, as carried by the report's `recent` list and the live `entry` event. */
export interface LiveEntry {
  userId: string;
  at: number;
  reach: Reach;
}

/** Reachable users of one channel. */
export interface ChannelReach {
  reachable: number;
  pct: number;
}

/** `GET /v1/segments/:id/report`. */
export interface Report {
  daily: Array<{ day: string; count: number }>;
  reachability: { total: number; channels: Partial<Record<Channel, ChannelReach>> };
  recent: LiveEntry[];
}

/** The live `rate` event: counts over the last second at time `t` (ms). */
export interface RateSample {
  t: number;
  entries: number;
  activeUsers: number;
  events: number;
}

/** `GET /v1/users/:userId`: profile, reach, segments entered and pending windows. */
export type { UserView } from '../../../actors/user/view.ts';

/** The error body of every 4xx/5xx answer. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Problem[] };
}
