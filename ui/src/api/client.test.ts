import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client.ts';
import { ApiError, errorMessage, isAbort } from './api-error.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('ApiClient', () => {
  it('joins the base URL, encodes ids and sends the key', async () => {
    const fetch = vi.fn(async () => json(200, { total: 0, users: [], next: null }));
    const api = new ApiClient({ apiBase: 'https://ls.example.com/api/', apiKey: 'secret', fetch });
    await api.members('a/b c', { limit: 1000, cursor: '5' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://ls.example.com/api/v1/segments/a%2Fb%20c/members?limit=1000&cursor=5');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer secret');
  });

  it('turns the contract error body into an ApiError with field details', async () => {
    const details = [{ path: 'trigger.within', message: 'must be positive' }];
    const api = new ApiClient({ fetch: async () => json(400, { error: { code: 'invalid_definition', message: '1 problem', details } }) });
    const err = await api.createSegment({}).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'invalid_definition', details, retryable: false });
  });

  it('reports network failures, odd answers and aborts distinctly', async () => {
    const down = new ApiClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const e1 = await down.listSegments().catch((e) => e);
    expect(e1).toMatchObject({ status: 0, code: 'network_error', retryable: true });
    expect(errorMessage(e1)).toMatch(/Could not reach/);

    const html = new ApiClient({ fetch: async () => new Response('<html>', { status: 502 }) });
    expect(await html.listSegments().catch((e) => e)).toMatchObject({ status: 502, code: 'bad_response', retryable: true });

    const ctrl = new AbortController();
    ctrl.abort();
    const aborted = new ApiClient({
      fetch: async () => {
        throw new DOMException('aborted', 'AbortError');
      },
    });
    expect(isAbort(await aborted.listSegments('', ctrl.signal).catch((e) => e))).toBe(true);
  });

  it('follows the live stream, sending Last-Event-ID when resuming', async () => {
    const body = 'retry: 3000\n\nevent: entry\nid: 4\ndata: {"userId":"u"}\n\n';
    const fetch = vi.fn(async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    const api = new ApiClient({ fetch });
    const seen: string[] = [];
    const end = await api.live('sg_1', { lastEventId: '3', onMessage: (m) => seen.push(`${m.event}:${m.id}`) });
    expect(seen).toEqual(['entry:4']);
    expect(end.retryMs).toBe(3000);
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>)['last-event-id']).toBe('3');
  });
});
