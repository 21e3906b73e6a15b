/** Names of every stream, subject and bucket liveseg uses (docs/nats.md). */
export const STREAM_IN = 'LIVESEG_IN';
export const STREAM_ENTRIES = 'LIVESEG_ENTRIES';
export const BUCKET_CONFIG = 'liveseg_config';
export const BUCKET_SEGMENTS = 'liveseg_segments';
/** Stored user records (profile + actor snapshot), key `<p>.<base64url(userId)>`. */
export const BUCKET_USERS = 'liveseg_users';
/** Per-partition index of pending deadlines, key `<p>.<base64url(userId)>`, value epoch ms. */
export const BUCKET_TIMERS = 'liveseg_timers';
/** Worker registrations (`worker.<id>`) and partition leases (`partition.<p>`). */
export const BUCKET_LEASES = 'liveseg_leases';
export const DEFAULT_PARTITIONS = 16;

export const eventSubject = (p: number): string => `liveseg.in.${p}.ev`;
export const profileSubject = (p: number): string => `liveseg.in.${p}.pr`;
export const partitionFilter = (p: number): string => `liveseg.in.${p}.>`;
export const entrySubject = (segmentId: string): string => `liveseg.entries.${segmentId}`;
export const ENTRIES_WILDCARD = 'liveseg.entries.>';
export const IN_WILDCARD = 'liveseg.in.>';
/** Durable consumer name of one partition. */
export const partitionConsumer = (p: number): string => `liveseg-p${p}`;
/** The deterministic de-duplication id of an entry. */
export const entryMsgId = (segmentId: string, userId: string, n: number): string => `${segmentId}:${userId}:${n}`;
