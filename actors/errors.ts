import type { Problem } from './types.ts';

/** Stable error codes; the gateway maps them to HTTP in one place. */
export const ERROR_CODES = {
  invalid: 'invalid_request',
  invalidJson: 'invalid_json',
  notFound: 'not_found',
  tooLarge: 'payload_too_large',
  unavailable: 'unavailable',
  conflict: 'conflict',
} as const;

/** Base class of every liveseg error: a stable `code` and an optional `cause`. */
export class LivesegError extends Error {
  override name = 'LivesegError';
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Input broke the rules; `details` lists every problem with its path. */
export class ValidationError extends LivesegError {
  override name = 'ValidationError';
  constructor(
    readonly details: Problem[],
    code: string = ERROR_CODES.invalid,
    message?: string,
  ) {
    super(code, message ?? `${details.length} problem(s): ${details.map((d) => `${d.path || '(root)'}: ${d.message}`).join('; ')}`);
  }
}

/** Something asked for does not exist. */
export class NotFoundError extends LivesegError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super(ERROR_CODES.notFound, message);
  }
}

export const isLivesegError = (e: unknown): e is LivesegError => e instanceof LivesegError;
