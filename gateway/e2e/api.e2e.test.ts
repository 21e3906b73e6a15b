import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';

describe('HTTP API over real NATS', () => {
  let sys: TestSystem;
  let segId: string;

  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 4 });
  }, 30_000);
  afterAll(async () => {
    await sys?.stop();
  });

  it('creates, reads, lists and searches segments', async () => {
    const created = await sys.http('POST', '/v1/segments', {
      name: 'Added to cart', trigger: { kind: 'action', event: 'Added To Cart', where: [{ prop: 'price', op: 'gte', value: 100 }] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Added to cart', kind: 'action', definition: { trigger: { event: 'Added To Cart' } } });
    segId = created.json.id;
    await sys.http('POST', '/v1/segments', { name: 'Pricing visitors', trigger: { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } } });

    const one = await sys.http('GET', `/v1/segments/${segId}`);
    expect(one.status).toBe(200);
    expect(one.json.description).toMatch(/Added To Cart/);
    expect(typeof one.json.createdAt).toBe('number');

    const list = await sys.http('GET', '/v1/segments');
    expect(list.json.segments.map((s: { name: string }) => s.name)).toEqual(['Pricing visitors', 'Added to cart']);
    expect(list.json.segments[1]).toMatchObject({ id: segId, kind: 'action', members: 0 });
    const found = await sys.http('GET', '/v1/segments?q=PRICING');
    expect(found.json.segments.map((s: { name: string }) => s.name)).toEqual(['Pricing visitors']);
  });

  it('accepts the good events of a mixed batch and makes a member of the matching user', async () => {
    const t0 = Date.now();
    const res = await sys.http('POST', '/v1/events', [
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
      const m = await sys.http('GET', `/v1/segments/${segId}/members`);
      return m.json.total > 0 ? m.json : undefined;
    });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(members.users.map((u: { userId: string }) => u.userId)).toEqual(['http-yes']);
    expect(members.next).toBeNull();
    const list = await sys.http('GET', '/v1/segments?q=added');
    expect(list.json.segments[0].members).toBe(1);
  });

  it('pages members with a cursor, oldest first', async () => {
    for (const u of ['p1', 'p2', 'p3']) {
      await sys.http('POST', '/v1/events', { userId: u, name: 'Added To Cart', props: { price: 500 } });
      await eventually(async () => (await sys.http('GET', `/v1/segments/${segId}/members?limit=1000`)).json.users.some((x: { userId: string }) => x.userId === u));
    }
    const first = await sys.http('GET', `/v1/segments/${segId}/members?limit=2`);
    expect(first.json.total).toBe(4);
    expect(first.json.users.map((u: { userId: string }) => u.userId)).toEqual(['http-yes', 'p1']);
    const second = await sys.http('GET', `/v1/segments/${segId}/members?limit=2&cursor=${first.json.next}`);
    expect(second.json.users.map((u: { userId: string }) => u.userId)).toEqual(['p2', 'p3']);
    expect(second.json.next).toBeNull();
  });

  it('accepts profile updates, one or many', async () => {
    const res = await sys.http('POST', '/v1/profiles', [
      { userId: 'u1', timezone: 'Asia/Kolkata', props: { email: 'a@example.com' } },
      { userId: 'u2', timezone: 'Mars/Olympus' },
    ]);
    expect(res.status).toBe(202);
    expect(res.json.accepted).toBe(1);
    expect(res.json.rejected[0]).toMatchObject({ index: 1 });
  });

  it('deletes a segment: 204, then 404, entries kept', async () => {
    const tmp = await sys.http('POST', '/v1/segments', { name: 'Temp', trigger: { kind: 'action', event: 'X' } });
    expect((await sys.http('DELETE', `/v1/segments/${tmp.json.id}`)).status).toBe(204);
    expect((await sys.http('GET', `/v1/segments/${tmp.json.id}`)).status).toBe(404);
    expect((await sys.http('DELETE', `/v1/segments/${tmp.json.id}`)).status).toBe(404);
    expect((await sys.http('GET', '/v1/segments')).json.segments.some((s: { id: string }) => s.id === tmp.json.id)).toBe(false);
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
      ['invalid definition', 'POST', '/v1/segments', { name: '', trigger: { kind: 'inaction', event: 'A', within: '10 minutes' } }, 400, 'invalid_definition'],
      ['definition not an object', 'POST', '/v1/segments', '[]', 400],
      ['unknown segment', 'GET', '/v1/segments/no-such-segment', undefined, 404, 'not_found'],
      ['members of unknown segment', 'GET', '/v1/segments/nope/members', undefined, 404, 'not_found'],
      ['bad limit', 'GET', '/v1/segments/nope/members?limit=abc', undefined, 404],
      ['unknown route', 'GET', '/v1/nothing/here', undefined, 404, 'not_found'],
      ['odd path', 'GET', '/v1/segments/%E0%A4%A', undefined, 404],
      ['wrong method', 'PUT', '/v1/segments', '{}', 404],
    ];
    it.each(cases)('%s', async (_name, method, path, body, status, code) => {
      const res = await sys.http(method, path, body);
      expect(res.status).toBe(status);
      expect(res.json?.error?.code).toBeTruthy();
      expect(typeof res.json.error.message).toBe('string');
      if (code) expect(res.json.error.code).toBe(code);
    });

    it('lists every problem of a definition with its path', async () => {
      const res = await sys.http('POST', '/v1/segments', {
        name: '', trigger: { kind: 'inaction', event: 'A', within: '10 minutes' }, extra: 1,
      });
      const paths = res.json.error.details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['name', 'trigger.within', 'trigger.without', 'extra']));
    });

    it('answers 400 to bad UTF-8', async () => {
      const res = await sys.gateway.app.fetch(new Request('http://test/v1/events', {
        method: 'POST', body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      }));
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_utf8');
    });

    it('rejects a bad limit on a real segment', async () => {
      const res = await sys.http('GET', `/v1/segments/${segId}/members?limit=0`);
      expect(res.status).toBe(400);
      expect(res.json.error.details[0].path).toBe('limit');
    });
  });

  it('answers health and readiness', async () => {
    expect((await sys.http('GET', '/healthz')).status).toBe(200);
    expect((await sys.http('GET', '/readyz')).json).toEqual({ ready: true });
  });
});
