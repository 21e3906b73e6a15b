export { UserActor, newUserRecord, reviveUser, type NumberedEntry } from './actor.ts';
export { encodeUserId, userIdOfKey, userKey, type UserRecord } from './record.ts';
export type { EnteredSegment, PendingWindow } from './reads.ts';
export { StoredUser } from './stored-user.ts';
export type { UserView } from './view.ts';
