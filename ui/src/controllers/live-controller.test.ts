// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeGateway, sseResponse, until } from '../testing/dom.ts';
import { LitElement } from 'lit';
import { ApiClient, type LiveEntry, type RateSample } from '../api/index.ts';
import { LiveController, parseLiveMessage } from './live-controller.ts';

class Host extends LitElement {
  entries: LiveEntry[] = [];
  rates: RateSample[] = [];
  readonly live = new LiveController(this, {
    client: () => new ApiClient(),
    segmentId: () => 'sg_1',
    onEntry: (e) => this.entries.push(e),
    onRate: (r) => this.rates.push(r),
    maxBackoffMs: 20,
  });
}
customElements.define('test-live-host', Host);

describe('LiveController', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('parses entry and rate messages and ignores malformed ones', () => {
    expect(parseLiveMessage({ event: 'entry', data: '{"userId":"u","at":5,"reach":{"email":true}}' }).entry).toEqual({
      userId: 'u',
      at: 5,
      reach: { email: true },
    });
    expect(parseLiveMessage({ event: 'rate', data: '{"t":1,"entries":2,"activeUsers":"x"}' }).rate).toEqual({
      t: 1,
      entries: 2,
      activeUsers: 0,
      events: 0,
    });
    expect(parseLiveMessage({ event: 'entry', data: 'not json' })).toEqual({});
    expect(parseLiveMessage({ event: 'entry', data: '{"at":1}' })).toEqual({});
  });

  it('parses the rate history and leaves out what is malformed', () => {
    const data = JSON.stringify({
      bucketMs: 5000,
      points: [{ t: 10_000, entries: 0.4, activeUsers: 3, events: 7.2 }, { t: 'x' }, null, { t: 15_000, entries: -1 }],
    });
    expect(parseLiveMessage({ event: 'history', data }).history).toEqual([
      { t: 10_000, entries: 0.4, activeUsers: 3, events: 7.2, span: 5 },
      { t: 15_000, entries: 0, activeUsers: 0, events: 0, span: 5 },
    ]);
    for (const bad of ['[]', '{"points":[]}', '{"bucketMs":0,"points":[]}', '{"bucketMs":5000,"points":{}}', 'nope']) {
      expect(parseLiveMessage({ event: 'history', data: bad })).toEqual({});
    }
  });

  it('reconnects after the stream ends and resumes from the last event id', async () => {
    const streams: Array<ReturnType<typeof sseResponse>> = [];
    const gw = fakeGateway({
      'GET /v1/segments/sg_1/live': ({ signal }) => {
        const s = sseResponse(signal);
        streams.push(s);
        return s.response;
      },
    });
    const host = document.createElement('test-live-host') as Host;
    document.body.append(host);
    await until(() => streams.length === 1);
    await until(() => host.live.status === 'live');
    streams[0]!.send('entry', { userId: 'a', at: 1, reach: {} });
    await until(() => host.entries.length === 1);
    streams[0]!.close();
    await until(() => streams.length === 2);
    expect(gw.calls[1]!.headers.get('last-event-id')).toBeNull();
    streams[1]!.send('rate', { t: 2, entries: 0, activeUsers: 1, events: 1 });
    await until(() => host.rates.length === 1);
    host.remove();
    await until(() => host.live.status === 'off');
  });

  it('sends Last-Event-ID after a drop and gives up on 404', async () => {
    let n = 0;
    const gw = fakeGateway({
      'GET /v1/segments/sg_1/live': () => {
        n++;
        if (n === 1)
          return new Response('id: 41\nevent: entry\ndata: {"userId":"a","at":1,"reach":{}}\n\n', {
            headers: { 'content-type': 'text/event-stream' },
          });
        return [404, { error: { code: 'not_found', message: 'segment not found' } }];
      },
    });
    const host = document.createElement('test-live-host') as Host;
    document.body.append(host);
    await until(() => host.live.status === 'error');
    expect(gw.calls).toHaveLength(2);
    expect(gw.calls[1]!.headers.get('last-event-id')).toBe('41');
    expect(host.entries.map((e) => e.userId)).toEqual(['a']);
  });
});
