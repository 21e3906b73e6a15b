export { UserActor, newUserRecord, type NumberedEntry } from './actor.ts';
export { encodeUserId, userKey, type UserRecord } from './record.ts';
