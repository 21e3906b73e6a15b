/** Names of every stream, subject and bucket liveseg uses (docs/nats.md). */
export const STREAM_IN = 'LIVESEG_IN';
export const STREAM_ENTRIES = 'LIVESEG_ENTRIES';
/** Dead letters: inputs, stored records and segments that could not be used (docs/dead-letters.md). */
export const STREAM_DLQ = 'LIVESEG_DLQ';
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
export const DLQ_WILDCARD = 'liveseg.dlq.>';
/** LIVESEG_DLQ keeps a dead letter 30 days… */
export const DLQ_MAX_AGE_MS = 30 * 86_400_000;
/** …and at most 1 GiB (oldest dropped first): a flood of poison must not fill the disk. */
export const DLQ_MAX_BYTES = 2 ** 30;
/** What a dead letter holds: an input of LIVESEG_IN, a stored user record, or a stored segment. */
export type DeadLetterKind = 'input' | 'record' | 'segment';
/** Subject of a dead letter: `liveseg.dlq.input.<p>`, `liveseg.dlq.record.<p>`, `liveseg.dlq.segment`. */
export const dlqSubject = (kind: DeadLetterKind, p?: number): string =>
  p === undefined ? `liveseg.dlq.${kind}` : `liveseg.dlq.${kind}.${p}`;
/** Durable consumer name of one partition. */
export const partitionConsumer = (p: number): string => `liveseg-p${p}`;
/** The deterministic de-duplication id of an entry. */
export const entryMsgId = (segmentId: string, userId: string, n: number): string => `${segmentId}:${userId}:${n}`;
