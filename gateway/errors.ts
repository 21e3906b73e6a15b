import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { LivesegError, type RequestErrorCode, ValidationError } from '../actors/errors.ts';
import type { Problem } from '../actors/types.ts';

/**
 * The HTTP status of every request error code (actors/errors.ts owns the codes): the one place
 * where codes become statuses; a code without a status does not compile. Domain errors from
 * actors/ (LivesegError) are mapped through the same table.
 */
export const HTTP_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_utf8: 400,
  too_deep: 400,
  invalid_definition: 400,
  /** Refused by the HTTP parser itself (gateway/node.ts). */
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  batch_too_large: 413,
  unsupported_encoding: 415,
  rate_limited: 429,
  /** The live segments together would let a user record grow past its cap (docs/formats.md, "Limits"). */
  segment_limit: 409,
  headers_too_large: 431,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<RequestErrorCode, ContentfulStatusCode>;

/** A code the gateway answers with. */
export type ApiErrorCode = RequestErrorCode;

/** An error answered as `{ error: { code, message, details? } }` with the status of its code. */
export class HttpError extends LivesegError {
  override name = 'HttpError';
  readonly status: ContentfulStatusCode;
  constructor(
    code: ApiErrorCode,
    message: string,
    readonly details?: Problem[],
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.status = HTTP_STATUS[code];
  }
}

/** Too many requests for one API key (or client address); `retryAfter` is in whole seconds. */
export class RateLimitedError extends HttpError {
  override name = 'RateLimitedError';
  constructor(readonly retryAfter: number) {
    super('rate_limited', `too many requests; retry after ${retryAfter} s`);
  }
}

/** The contract's error body. */
export const errorBody = (code: string, message: string, details?: Problem[]) => ({
  error: { code, message, ...(details ? { details } : {}) },
});

const statusOf = (code: string): ContentfulStatusCode | undefined =>
  Object.hasOwn(HTTP_STATUS, code) ? HTTP_STATUS[code as ApiErrorCode] : undefined;

/** The one place where errors become HTTP responses. Nothing unexpected leaks its message. */
export function toResponse(err: unknown, c: Context, log: (msg: string, f: Record<string, unknown>) => void): Response {
  if (err instanceof RateLimitedError) c.header('Retry-After', String(err.retryAfter));
  if (err instanceof HttpError) return c.json(errorBody(err.code, err.message, err.details), err.status);
  // An item code (invalid_event, …) has no status of its own: a refused body is a 400.
  if (err instanceof ValidationError) return c.json(errorBody(err.code, err.message, err.details), statusOf(err.code) ?? 400);
  const status = err instanceof LivesegError ? statusOf(err.code) : undefined;
  if (err instanceof LivesegError && status !== undefined && status !== 500) {
    return c.json(errorBody(err.code, err.message), status);
  }
  // The class, the stack frames and the route pattern only: messages and paths may carry user ids.
  log('unhandled error', {
    err: err instanceof Error ? err.name : typeof err,
    stack: err instanceof Error ? err.stack?.split('\n').slice(1, 8).join('\n') : undefined,
    route: c.req.routePath,
  });
  return c.json(errorBody('internal', 'internal error'), 500);
}

/** 404 for a named thing. */
export const notFound = (what: string) => new HttpError('not_found', `${what} not found`);
/** A request error code answered with 400. */
type BadRequestCode = { [C in ApiErrorCode]: (typeof HTTP_STATUS)[C] extends 400 ? C : never }[ApiErrorCode];

/** 400 with a code and optional per-field problems. */
export const badRequest = (code: BadRequestCode, message: string, details?: Problem[]) => new HttpError(code, message, details);
