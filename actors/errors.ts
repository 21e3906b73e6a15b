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
  'rate_limited',
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
] as const;

/** Codes the UI's API client produces itself when no usable answer arrived. */
export const CLIENT_ERROR_CODES = ['network_error', 'bad_response', 'aborted'] as const;

export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];
export type ItemErrorCode = (typeof ITEM_ERROR_CODES)[number];
export type OperationErrorCode = (typeof OPERATION_ERROR_CODES)[number];
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
/** Every error code liveseg uses. */
export type ErrorCode = RequestErrorCode | ItemErrorCode | OperationErrorCode | ClientErrorCode;

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
