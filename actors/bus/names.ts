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
/** Destinations (`def.<id>`, with their signing secret) and their delivery stats (`stats.<id>`). */
export const BUCKET_DESTINATIONS = 'liveseg_destinations';
/** Members of each segment in order of first entry, in chunks (gateway/services/report-projector.ts). */
export const STREAM_MEMBERS = 'LIVESEG_MEMBERS';
/** The live-rate history: one message per few-second bucket, kept RATES_MAX_AGE_MS. */
export const STREAM_RATES = 'LIVESEG_RATES';
/** Report aggregates (`s.<segmentId>`), the member index (`i.<segmentId>.<block>`) and the projector's `checkpoint`. */
export const BUCKET_REPORTS = 'liveseg_reports';
/** LIVESEG_RATES keeps 20 minutes: the rate chart opens with the last 15. */
export const RATES_MAX_AGE_MS = 20 * 60_000;
export const DEFAULT_PARTITIONS = 16;

export const eventSubject = (p: number): string => `liveseg.in.${p}.ev`;
export const profileSubject = (p: number): string => `liveseg.in.${p}.pr`;
export const partitionFilter = (p: number): string => `liveseg.in.${p}.>`;
export const entrySubject = (segmentId: string): string => `liveseg.entries.${segmentId}`;
export const ENTRIES_WILDCARD = 'liveseg.entries.>';
export const IN_WILDCARD = 'liveseg.in.>';
export const memberSubject = (segmentId: string): string => `liveseg.members.${segmentId}`;
export const MEMBERS_WILDCARD = 'liveseg.members.>';
export const RATES_SUBJECT = 'liveseg.rates';
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
