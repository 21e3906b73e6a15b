import type { Profile } from '../types.ts';
import type { MachineState } from '../rules/program.ts';
import type { History } from '../rules/types.ts';

/** What is stored per user in the `liveseg_users` bucket. */
export interface UserRecord {
  userId: string;
  /** Sequence in LIVESEG_IN of the last input applied: replays at or below it are skipped. */
  q: number;
  profile: Profile;
  state?: MachineState;
  /** Past-behaviour history of the live segments' filters. */
  h?: History;
}

const encoder = new TextEncoder();

/** base64url of the UTF-8 user id: KV keys only allow [-/_=.a-zA-Z0-9]. */
export function encodeUserId(userId: string): string {
  const bytes = encoder.encode(userId);
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The KV key of a user's record: partition first, so a partition's users share a prefix. */
export const userKey = (partition: number, userId: string): string => `${partition}.${encodeUserId(userId)}`;
