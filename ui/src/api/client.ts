import type { ErrorCode } from '../../../actors/errors.ts';
/** The gateway's HTTP API as typed methods; one instance per (apiBase, apiKey). */
import type { SegmentDefinition } from '../../../actors/types.ts';
import { ApiError } from './api-error.ts';
import { readEventStream, SseParser, type SseMessage } from './sse.ts';
import type { ErrorBody, MembersPage, Report, SegmentDetail, SegmentSummary, UserView } from './types.ts';

/** How to reach the gateway. */
export interface ApiOptions {
  /** Origin (and optional path prefix) of the gateway; empty means the page's own origin. */
  apiBase?: string;
  /** Admin key sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Injected fetch (tests); defaults to the global one. */
  fetch?: typeof fetch;
}

/** Callbacks of a live stream; the promise of `live()` settles when the stream ends. */
export interface LiveHandlers {
  onOpen?: () => void;
  onMessage: (m: SseMessage) => void;
  /** Resume after this event id (entries missed while disconnected are replayed). */
  lastEventId?: string;
}

const enc = encodeURIComponent;

/** Typed access to `/v1/*`. Every method throws ApiError on failure. */
export class ApiClient {
  readonly apiBase: string;
  readonly apiKey: string;
  private readonly fetchImpl: typeof fetch;

  constructor(opts: ApiOptions = {}) {
    this.apiBase = (opts.apiBase ?? '').replace(/\/+$/, '');
    this.apiKey = opts.apiKey ?? '';
    this.fetchImpl = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Absolute or page-relative URL of an API path. */
  url(path: string): string {
    return `${this.apiBase}${path}`;
  }

  /** Segments, newest first; `q` filters names case-insensitively. */
  async listSegments(q = '', signal?: AbortSignal): Promise<SegmentSummary[]> {
    const query = q.trim() === '' ? '' : `?q=${enc(q.trim())}`;
    return (await this.request<{ segments: SegmentSummary[] }>('GET', `/v1/segments${query}`, { signal })).segments;
  }

  getSegment(id: string, signal?: AbortSignal): Promise<SegmentDetail> {
    return this.request('GET', `/v1/segments/${enc(id)}`, { signal });
  }

  /** Creates a segment; a refused definition throws ApiError with `details` per field path. */
  createSegment(definition: SegmentDefinition | unknown, signal?: AbortSignal): Promise<SegmentDetail> {
    return this.request('POST', '/v1/segments', { body: definition, signal });
  }

  async deleteSegment(id: string, signal?: AbortSignal): Promise<void> {
    await this.request('DELETE', `/v1/segments/${enc(id)}`, { signal });
  }

  members(id: string, opts: { limit?: number; cursor?: string | null } = {}, signal?: AbortSignal): Promise<MembersPage> {
    const params = new URLSearchParams();
    if (opts.limit !== undefined) params.set('limit', String(opts.limit));
    if (opts.cursor) params.set('cursor', opts.cursor);
    const qs = params.toString();
    return this.request('GET', `/v1/segments/${enc(id)}/members${qs ? `?${qs}` : ''}`, { signal });
  }

  report(id: string, signal?: AbortSignal): Promise<Report> {
    return this.request('GET', `/v1/segments/${enc(id)}/report`, { signal });
  }

  user(userId: string, signal?: AbortSignal): Promise<UserView> {
    return this.request('GET', `/v1/users/${enc(userId)}`, { signal });
  }

  /**
   * Follows `GET /v1/segments/:id/live` until the server ends it or `signal` aborts. Resolves on
   * a clean end; throws ApiError when it cannot connect. Reconnecting is the caller's choice.
   */
  async live(id: string, handlers: LiveHandlers, signal?: AbortSignal): Promise<{ retryMs?: number }> {
    const res = await this.send('GET', `/v1/segments/${enc(id)}/live`, {
      signal,
      accept: 'text/event-stream',
      lastEventId: handlers.lastEventId,
    });
    if (!res.ok) throw await toApiError(res);
    if (res.body === null) throw new ApiError(res.status, 'bad_response', 'the live stream has no body');
    handlers.onOpen?.();
    const parser = new SseParser();
    try {
      await readEventStream(res.body, handlers.onMessage, parser);
    } catch (e) {
      throw wrapNetwork(e, signal);
    }
    return { retryMs: parser.retryMs };
  }

  /** Headers for a request; exported for snippets that show how to call the API. */
  headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.apiKey ? { ...extra, authorization: `Bearer ${this.apiKey}` } : extra;
  }

  private async send(
    method: string,
    path: string,
    opts: { body?: unknown; signal?: AbortSignal; accept?: string; lastEventId?: string },
  ): Promise<Response> {
    const headers = this.headers({ accept: opts.accept ?? 'application/json' });
    if (opts.lastEventId) headers['last-event-id'] = opts.lastEventId;
    const init: RequestInit = { method, headers, signal: opts.signal };
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(opts.body);
    }
    try {
      return await this.fetchImpl(this.url(path), init);
    } catch (e) {
      throw wrapNetwork(e, opts.signal);
    }
  }

  /** One JSON call of the API (for clients of other resources, e.g. destinations); throws ApiError. */
  async request<T>(method: string, path: string, opts: { body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
    const res = await this.send(method, path, opts);
    if (!res.ok) throw await toApiError(res);
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch (e) {
      throw wrapNetwork(e, opts.signal, `the gateway sent an unreadable answer to ${method} ${path}`);
    }
  }
}

function wrapNetwork(e: unknown, signal: AbortSignal | undefined, message = 'network error'): ApiError {
  if (e instanceof ApiError) return e;
  if (signal?.aborted) return new ApiError(0, 'aborted', 'aborted', [], { cause: e });
  const code = message === 'network error' ? 'network_error' : 'bad_response';
  return new ApiError(0, code, message, [], { cause: e });
}

/** Reads the contract's error body; anything else still becomes a useful ApiError. */
async function toApiError(res: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | undefined;
  try {
    body = (await res.json()) as Partial<ErrorBody>;
  } catch {
    /* not JSON: fall through */
  }
  const err = body?.error;
  if (err && typeof err.code === 'string') {
    // The gateway answers only codes of the union (actors/errors.ts); a newer one passes through.
    return new ApiError(
      res.status,
      err.code as ErrorCode,
      err.message ?? `HTTP ${res.status}`,
      Array.isArray(err.details) ? err.details : [],
    );
  }
  return new ApiError(res.status, 'bad_response', `the gateway answered HTTP ${res.status}`);
}
