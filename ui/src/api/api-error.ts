/** The one error type of the API client: HTTP status, stable code, field problems, retryability. */
import { type ErrorCode, LivesegError } from '../../../actors/errors.ts';
import type { Problem } from '../../../actors/types.ts';

/** A failed API call: `status` is 0 when no HTTP answer arrived. */
export class ApiError extends LivesegError {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
    readonly details: Problem[] = [],
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }

  /** True when trying again later may succeed (no answer, 429 or a 5xx). */
  override get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** Type guard for ApiError. */
export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** True for the error fetch throws when its AbortSignal fires. */
export const isAbort = (e: unknown): boolean =>
  (e instanceof DOMException && e.name === 'AbortError') || (isApiError(e) && e.code === 'aborted');

/** A sentence for people: what went wrong and, when it helps, what to do. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) {
    if (e.status === 0) return 'Could not reach the liveseg gateway. Check that it is running and try again.';
    if (e.status === 401) return 'The gateway needs an API key (401). Pass one with the api-key attribute.';
    if (e.status === 403) return 'This API key may not read segments (403). Use an admin key.';
    if (e.status === 404) return 'Not found. It may have been deleted.';
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
