import type { Profile } from '../types.ts';
import type { MachineState } from '../rules/program.ts';
import type { History } from '../rules/types.ts';
import type { Entry } from '../types.ts';

/**
 * Entries whose record was stored before they were published (the record is the commit point).
 * Written with the record and replaced by the next write, which a worker makes only after they
 * are on the stream; a new owner finds records whose outbox may be unpublished through the
 * deadline index and publishes what is missing.
 */
export interface Outbox {
  /** A LIVESEG_ENTRIES sequence before them: a search for them starts after it. */
  f: number;
  /** The entries, each with its number `n` (its `Nats-Msg-Id` is `<segmentId>:<userId>:<n>`). */
  e: Array<{ n: number; entry: Entry }>;
}

/** What is stored per user in the `liveseg_users` bucket. */
export interface UserRecord {
  userId: string;
  /** Sequence in LIVESEG_IN of the last input applied: replays at or below it are skipped. */
  q: number;
  profile: Profile;
  state?: MachineState;
  /** Past-behaviour history of the live segments' filters. */
  h?: History;
  /** The entries of the write that stored this record (see Outbox). */
  o?: Outbox;
  /**
   * Not stored: the KV revision the record was read at (0 or absent: never stored), added to the
   * text when it is read, so the cache and the actor carry it to the conditional write.
   */
  r?: number;
}

/** Stored record text with the revision it was read or written at (see `UserRecord.r`). */
export function withRevision(json: string, revision: number): string {
  // The last of duplicate keys wins in JSON.parse; appending costs no parse of the record.
  return json.endsWith('}') && json.length > 2 ? `${json.slice(0, -1)},"r":${revision}}` : json;
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

const decoder = new TextDecoder();

/** The user id a key of `userKey` names (the inverse of `userKey` without its partition). */
export function userIdOfKey(key: string): string {
  const b64 = key
    .slice(key.indexOf('.') + 1)
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return decoder.decode(bytes);
}
