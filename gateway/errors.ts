import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_CODES, LivesegError, ValidationError } from '../actors/errors.ts';
import type { Problem } from '../actors/types.ts';

/** An error that carries its HTTP status. */
export class HttpError extends LivesegError {
  override name = 'HttpError';
  constructor(readonly status: ContentfulStatusCode, code: string, message: string, readonly details?: Problem[]) {
    super(code, message);
  }
}

/** The contract's error body. */
export const errorBody = (code: string, message: string, details?: Problem[]) =>
  ({ error: { code, message, ...(details ? { details } : {}) } });

/** The one place where errors become HTTP responses. Nothing unexpected leaks its message. */
export function toResponse(err: unknown, c: Context, log: (msg: string, f: Record<string, unknown>) => void): Response {
  if (err instanceof HttpError) return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (err instanceof ValidationError) return c.json(errorBody(err.code, err.message, err.details), 400);
  if (err instanceof LivesegError && err.code === ERROR_CODES.notFound) return c.json(errorBody(err.code, err.message), 404);
  if (err instanceof LivesegError && err.code === ERROR_CODES.unavailable) {
    return c.json(errorBody(err.code, err.message), 503);
  }
  log('unhandled error', { err: String(err), path: c.req.path });
  return c.json(errorBody('internal', 'internal error'), 500);
}

export const notFound = (what: string) => new HttpError(404, ERROR_CODES.notFound, `${what} not found`);
export const badRequest = (code: string, message: string, details?: Problem[]) => new HttpError(400, code, message, details);
