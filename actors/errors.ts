/**
 * The one error taxonomy of liveseg: every stable error code, grouped by where it arises, and
 * whether trying again can help. The gateway keys its HTTP statuses by these codes
 * (gateway/errors.ts); the worker retries what is retryable and skips what is terminal.
 */
import type { Problem } from './types.ts';

/** Codes of a refused HTTP request (the gateway answers them with the status of gateway/errors.ts). */
export const REQUEST_ERROR_CODES = [
  'invalid_request',
  'invalid_json',
  'invalid_utf8',
  'too_deep',
  'invalid_definition',
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'payload_too_large',
  'batch_too_large',
  /** A `Content-Encoding` the gateway cannot decode (it reads gzip and identity). */
  'unsupported_encoding',
  'rate_limited',
  'segment_limit',
  'headers_too_large',
  'unavailable',
  'internal',
] as const;

/** Codes of one refused item of an ingest batch (listed in the 202 answer, never an HTTP status). */
export const ITEM_ERROR_CODES = [
  'invalid_event',
  'reserved_name',
  'ts_in_future',
  'event_too_large',
  'invalid_profile',
  'profile_too_large',
  /** A Segment-spec message that maps to nothing: unknown type, no user, not an object. */
  'invalid_message',
] as const;

/** Codes of the command line and of provisioning. */
export const OPERATION_ERROR_CODES = [
  'bad_arguments',
  'bad_config',
  'no_admin_key',
  'invalid_partitions',
  'partition_mismatch',
  'not_provisioned',
  'nats_server_missing',
  'nats_start_failed',
  /** NATS could not be reached (refused, timed out, TLS failed) at start. */
  'nats_unreachable',
  /** NATS refused the credentials. */
  'nats_auth',
  /** NATS denied the user a permission the command needs. */
  'nats_permission',
  /** An existing deployment differs from what `liveseg init` was asked for and cannot be changed. */
  'provision_conflict',
  /** A conditional write of the worker was refused: someone else wrote since, so it no longer owns the data. */
  'write_conflict',
] as const;

/** Codes the UI's API client produces itself when no usable answer arrived. */
export const CLIENT_ERROR_CODES = ['network_error', 'bad_response', 'aborted'] as const;

/** Why the worker dead-lettered something (the `reason` of a LIVESEG_DLQ message starts with one). */
export const DEAD_LETTER_ERROR_CODES = ['record_unreadable', 'input_failed', 'invalid_segment', 'round_failed'] as const;

/** Codes of an input the worker refuses to apply (terminal: dead-lettered and skipped, the record unchanged). */
export const INPUT_ERROR_CODES = [
  /** Applying it would push the stored user record past a documented cap (docs/formats.md, "Limits"). */
  'record_too_large',
] as const;

export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];
export type ItemErrorCode = (typeof ITEM_ERROR_CODES)[number];
export type OperationErrorCode = (typeof OPERATION_ERROR_CODES)[number];
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type DeadLetterErrorCode = (typeof DEAD_LETTER_ERROR_CODES)[number];
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number];
/** Every error code liveseg uses. */
export type ErrorCode = RequestErrorCode | ItemErrorCode | OperationErrorCode | ClientErrorCode | DeadLetterErrorCode | InputErrorCode;

/**
 * Codes that mean "not now": the same work can succeed later (NATS unreachable or slow, a
 * limit that resets). Everything else is terminal: retrying the same input fails the same way.
 */
const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['unavailable', 'rate_limited', 'network_error']);

/** Base class of every liveseg error: a stable `code` and an optional `cause`. */
export class LivesegError extends Error {
  override name = 'LivesegError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** True when the same operation may succeed later; false when it never will (poison). */
  get retryable(): boolean {
    return RETRYABLE_CODES.has(this.code);
  }
}

/** Input broke the rules; `details` lists every problem with its path. */
export class ValidationError extends LivesegError {
  override name = 'ValidationError';
  constructor(
    readonly details: Problem[],
    code: RequestErrorCode | ItemErrorCode = 'invalid_request',
    message?: string,
  ) {
    super(code, message ?? `${details.length} problem(s): ${details.map((d) => `${d.path || '(root)'}: ${d.message}`).join('; ')}`);
  }
}

/** NATS could not be reached or did not answer in time: retry later. */
export class UnavailableError extends LivesegError {
  override name = 'UnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('unavailable', message, options);
  }
}

/**
 * A stored user record that cannot be brought back (not JSON, or not a user record). The worker
 * dead-letters `stored` and starts the user afresh; the message never quotes the record.
 */
export class UnreadableRecordError extends LivesegError {
  override name = 'UnreadableRecordError';
  constructor(
    readonly stored: string,
    why: string,
    options?: { cause?: unknown },
  ) {
    super('record_unreadable', `the stored user record ${why}`, options);
  }
}

/**
 * A worker's conditional write (expected revision) was refused: another worker wrote the key
 * since, so this one no longer owns the partition and must stop without acking (the fence
 * against a stale owner).
 */
export class WriteConflictError extends LivesegError {
  override name = 'WriteConflictError';
  constructor(message: string) {
    super('write_conflict', message);
  }
}

/** The stored partition count differs from the one asked for; streams are never re-partitioned. */
export class PartitionMismatchError extends LivesegError {
  override name = 'PartitionMismatchError';
  constructor(
    readonly stored: number,
    readonly requested: number,
  ) {
    super(
      'partition_mismatch',
      `this NATS deployment was provisioned with ${stored} partitions, not ${requested}; ` +
        `start with --partitions ${stored} (the count is fixed at first provisioning)`,
    );
  }
}

/**
 * Errors of the NATS client, by the `name` each of its classes sets. Importing the classes would
 * pull the NATS client into the browser bundle, which imports this module. A NATS failure is
 * never the input's fault, so retrying (not skipping the input) is what loses nothing.
 */
const NATS_ERROR_NAMES: ReadonlySet<string> = new Set([
  'TimeoutError',
  'ConnectionError',
  'ClosedConnectionError',
  'DrainingConnectionError',
  'NoResponders',
  'RequestError',
  'ProtocolError',
  'AuthorizationError',
  'PermissionViolationError',
  'JetStreamError',
  'JetStreamApiError',
  'JetStreamStatusError',
  'JetStreamNotEnabled',
  'StreamNotFoundError',
  'ConsumerNotFoundError',
]);

/**
 * Whether `err` is worth retrying: a retryable liveseg code or any failure of the NATS client.
 * Anything else (a record that is not JSON, an input that makes the engine throw) is terminal:
 * the same input fails the same way every time, so it is skipped rather than retried forever.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof LivesegError) return err.retryable;
  return err instanceof Error && NATS_ERROR_NAMES.has(err.name);
}

/** Whether `err` carries this liveseg code. */
export const hasCode = (err: unknown, code: ErrorCode): boolean => err instanceof LivesegError && err.code === code;

/**
 * `err` as text for a log line, which must carry no user data (no user ids, keys or payloads): its
 * name, and its message with KV keys masked (a NATS error names the subject, `$KV.<bucket>.<p>.<user>`).
 * A SyntaxError's message quotes the text it could not parse, so only its name is kept.
 */
export function logText(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  if (err instanceof SyntaxError) return err.name;
  const message = err.message.replace(/(\$KV\.[\w-]+\.)[^\s'",;)]+/g, '$1…');
  return err instanceof LivesegError ? `${err.name} (${err.code}): ${message}` : `${err.name}: ${message}`;
}
