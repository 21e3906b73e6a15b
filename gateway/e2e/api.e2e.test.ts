import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';
import { serveNode } from '../node.ts';
import { publishEntries, reach, specViolations } from './helpers.ts';

describe('HTTP API over real NATS', () => {
  let sys: TestSystem;
  let segId: string;
  /** Every answer is also checked against the OpenAPI document. */
  const call = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const res = await sys.http(method, path, body, headers);
    expect(specViolations(method, path, res.status, res.json), `${method} ${path}`).toEqual([]);
    return res;
  };

  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 4 });
  }, 30_000);
  afterAll(async () => {
    await sys?.stop();
  });

  it('creates, reads, lists and searches segments', async () => {
    const created = await call('POST', '/v1/segments', {
      name: 'Added to cart',
      trigger: { kind: 'action', event: 'Added To Cart', where: [{ prop: 'price', op: 'gte', value: 100 }] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Added to cart', kind: 'action', definition: { trigger: { event: 'Added To Cart' } } });
    segId = created.json.id;
    await call('POST', '/v1/segments', {
      name: 'Pricing visitors',
      trigger: { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } },
    });

    const one = await call('GET', `/v1/segments/${segId}`);
    expect(one.status).toBe(200);
    expect(one.json.description).toMatch(/Added To Cart/);
    expect(typeof one.json.createdAt).toBe('number');

    const list = await call('GET', '/v1/segments');
    expect(list.json.segments.map((s: { name: string }) => s.name)).toEqual(['Pricing visitors', 'Added to cart']);
    expect(list.json.segments[1]).toMatchObject({ id: segId, kind: 'action', members: 0 });
    const found = await call('GET', '/v1/segments?q=PRICING');
    expect(found.json.segments.map((s: { name: string }) => s.name)).toEqual(['Pricing visitors']);
  });

  it('accepts the good events of a mixed batch and makes a member of the matching user', async () => {
    const t0 = Date.now();
    const res = await call('POST', '/v1/events', [
      { userId: 'http-yes', name: 'Added To Cart', props: { price: 150 } },
      { userId: 'http-no', name: 'Added To Cart', props: { price: 5 } },
      { name: 'no user' },
      { userId: 'x', name: 'Future', ts: Date.now() + 25 * 3600_000 },
      { userId: 'x', name: '$secret' },
    ]);
    expect(res.status).toBe(202);
    expect(res.json.accepted).toBe(2);
    expect(res.json.rejected.map((r: { index: number }) => r.index)).toEqual([2, 3, 4]);
    expect(res.json.rejected[1].code).toBe('ts_in_future');
    expect(res.json.rejected[2].code).toBe('reserved_name');
    const members = await eventually(async () => {
      const m = await call('GET', `/v1/segments/${segId}/members`);
      return m.json.total > 0 ? m.json : undefined;
    });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(members.users.map((u: { userId: string }) => u.userId)).toEqual(['http-yes']);
    expect(members.next).toBeNull();
    const list = await call('GET', '/v1/segments?q=added');
    expect(list.json.segments[0].members).toBe(1);
  });

  it('pages members with a cursor, oldest first', async () => {
    for (const u of ['p1', 'p2', 'p3']) {
      await call('POST', '/v1/events', { userId: u, name: 'Added To Cart', props: { price: 500 } });
      await eventually(async () =>
        (await call('GET', `/v1/segments/${segId}/members?limit=1000`)).json.users.some((x: { userId: string }) => x.userId === u),
      );
    }
    const first = await call('GET', `/v1/segments/${segId}/members?limit=2`);
    expect(first.json.total).toBe(4);
    expect(first.json.users.map((u: { userId: string }) => u.userId)).toEqual(['http-yes', 'p1']);
    const second = await call('GET', `/v1/segments/${segId}/members?limit=2&cursor=${first.json.next}`);
    expect(second.json.users.map((u: { userId: string }) => u.userId)).toEqual(['p2', 'p3']);
    expect(second.json.next).toBeNull();
  });

  it('accepts profile updates, one or many', async () => {
    const res = await call('POST', '/v1/profiles', [
      { userId: 'u1', timezone: 'Asia/Kolkata', props: { email: 'a@example.com' } },
      { userId: 'u2', timezone: 'Mars/Olympus' },
    ]);
    expect(res.status).toBe(202);
    expect(res.json.accepted).toBe(1);
    expect(res.json.rejected[0]).toMatchObject({ index: 1 });
  });

  it('deletes a segment: 204, then 404, entries kept', async () => {
    const tmp = await call('POST', '/v1/segments', { name: 'Temp', trigger: { kind: 'action', event: 'X' } });
    expect((await call('DELETE', `/v1/segments/${tmp.json.id}`)).status).toBe(204);
    expect((await call('GET', `/v1/segments/${tmp.json.id}`)).status).toBe(404);
    expect((await call('DELETE', `/v1/segments/${tmp.json.id}`)).status).toBe(404);
    expect((await call('GET', '/v1/segments')).json.segments.some((s: { id: string }) => s.id === tmp.json.id)).toBe(false);
  });

  describe('bad input: always 4xx with the error shape, never 5xx', () => {
    const cases: Array<[string, string, string, unknown, number, string?]> = [
      ['malformed JSON', 'POST', '/v1/events', '{"userId": ', 400, 'invalid_json'],
      ['empty body', 'POST', '/v1/events', '', 400, 'invalid_json'],
      ['a number body', 'POST', '/v1/events', '42', 400],
      ['a string body', 'POST', '/v1/profiles', '"hello"', 400],
      ['null body', 'POST', '/v1/events', 'null', 400],
      ['deep nesting', 'POST', '/v1/events', '['.repeat(5000) + ']'.repeat(5000), 400, 'too_deep'],
      ['batch over 1000', 'POST', '/v1/events', JSON.stringify(Array.from({ length: 1001 }, () => ({}))), 413],
      ['body over 1 MiB', 'POST', '/v1/events', JSON.stringify([{ userId: 'u', name: 'n', props: { s: 'x'.repeat(1_100_000) } }]), 413],
      [
        'invalid definition',
        'POST',
        '/v1/segments',
        { name: '', trigger: { kind: 'inaction', event: 'A', within: '10 minutes' } },
        400,
        'invalid_definition',
      ],
      ['definition not an object', 'POST', '/v1/segments', '[]', 400],
      ['unknown segment', 'GET', '/v1/segments/no-such-segment', undefined, 404, 'not_found'],
      ['members of unknown segment', 'GET', '/v1/segments/nope/members', undefined, 404, 'not_found'],
      ['bad limit (checked before the segment)', 'GET', '/v1/segments/nope/members?limit=abc', undefined, 400, 'invalid_request'],
      ['unknown route', 'GET', '/v1/nothing/here', undefined, 404, 'not_found'],
      ['odd path', 'GET', '/v1/segments/%E0%A4%A', undefined, 404],
      ['wrong method', 'PUT', '/v1/segments', '{}', 404],
    ];
    it.each(cases)('%s', async (_name, method, path, body, status, code) => {
      const res = await call(method, path, body);
      expect(res.status).toBe(status);
      expect(res.json?.error?.code).toBeTruthy();
      expect(typeof res.json.error.message).toBe('string');
      if (code) expect(res.json.error.code).toBe(code);
    });

    it('lists every problem of a definition with its path', async () => {
      const res = await call('POST', '/v1/segments', {
        name: '',
        trigger: { kind: 'inaction', event: 'A', within: '10 minutes' },
        extra: 1,
      });
      const paths = res.json.error.details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['name', 'trigger.within', 'trigger.without', 'extra']));
    });

    it('answers 400 to bad UTF-8', async () => {
      const res = await sys.gateway.app.fetch(
        new Request('http://test/v1/events', {
          method: 'POST',
          body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        }),
      );
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_utf8');
    });

    it('rejects a bad limit on a real segment', async () => {
      const res = await call('GET', `/v1/segments/${segId}/members?limit=0`);
      expect(res.status).toBe(400);
      expect(res.json.error.details[0].path).toBe('limit');
    });
  });

  it('answers health and readiness', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect((await call('GET', '/readyz')).json).toEqual({ ready: true });
  });

  it('keeps member cursors valid while new users enter', async () => {
    const seg = (await call('POST', '/v1/segments', { name: 'Paged', trigger: { kind: 'action', event: 'Nothing' } })).json;
    const entry = (userId: string, n = 1) => ({ segmentId: seg.id, userId, n, at: Date.now(), reach: reach() });
    await publishEntries(sys.nc, [entry('m1'), entry('m2'), entry('m3')]);
    await eventually(async () => (await call('GET', `/v1/segments/${seg.id}/members`)).json.total === 3);
    const first = (await call('GET', `/v1/segments/${seg.id}/members?limit=2`)).json;
    await publishEntries(sys.nc, [entry('m4'), entry('m1', 2), entry('m5')]);
    await eventually(async () => (await call('GET', `/v1/segments/${seg.id}/members`)).json.total === 5);
    const rest = (await call('GET', `/v1/segments/${seg.id}/members?limit=2&cursor=${first.next}`)).json;
    const last = (await call('GET', `/v1/segments/${seg.id}/members?limit=2&cursor=${rest.next}`)).json;
    expect([...first.users, ...rest.users, ...last.users].map((u: { userId: string }) => u.userId)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(last.next).toBeNull();
    expect((await call('GET', `/v1/segments/${seg.id}/members?cursor=-1`)).status).toBe(400);
    expect((await call('GET', `/v1/segments/${seg.id}/members?limit=1001`)).status).toBe(400);
    expect((await call('GET', `/v1/segments/${seg.id}/members?cursor=99`)).json).toEqual({ total: 5, users: [], next: null });
  });

  it('serves Prometheus metrics', async () => {
    const res = await call('GET', '/metrics');
    expect(res.status).toBe(200);
    const text = res.text;
    expect(text).toMatch(/^# TYPE liveseg_http_requests_total counter$/m);
    expect(text).toMatch(/^liveseg_http_requests_total\{method="POST",route="\/v1\/events",status="202"\} \d+$/m);
    expect(text).toMatch(/^liveseg_ingest_accepted_total\{kind="events"\} [1-9]\d*$/m);
    expect(text).toMatch(/^liveseg_ingest_rejected_total\{kind="events",code="ts_in_future"\} [1-9]/m);
    expect(text).toMatch(new RegExp(`^liveseg_segment_entries_total\\{segment="${segId}"\\} 4$`, 'm'));
    expect(text).toMatch(/^liveseg_sse_clients 0$/m);
    expect(text).toMatch(/^liveseg_consumer_pending\{partition="0"\} \d+$/m);
    // No user ids or profile data (as whole label values: random segment ids may contain "p1").
    expect(text).not.toMatch(/"(http-yes|p[123])"|http-yes|@example/);
  });

  it('serves its OpenAPI document', async () => {
    const res = await call('GET', '/openapi.json');
    expect(res.json.openapi).toBe('3.1.0');
    expect(Object.keys(res.json.paths)).toContain('/v1/segments/{id}/report');
  });

  it('serves the built UI over HTTP, and JSON 404s for unknown API paths', async () => {
    const server = await serveNode(sys.gateway.app, 0, '127.0.0.1');
    try {
      const ui = await fetch(`http://127.0.0.1:${server.port}/`);
      expect(ui.status).toBe(200);
      expect(ui.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const deep = await fetch(`http://127.0.0.1:${server.port}/segments/x`, { headers: { accept: 'text/html' } });
      expect(await deep.text()).toContain('<html');
      const api = await fetch(`http://127.0.0.1:${server.port}/v1/nothing`, { headers: { accept: 'text/html' } });
      expect(api.status).toBe(404);
      expect((await api.json()).error.code).toBe('not_found');
    } finally {
      await server.close();
    }
  });
});
