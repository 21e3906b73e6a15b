import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, guard, identify, keyOf } from './auth.ts';
import type { GatewayEnv } from './env.ts';
import { toResponse } from './errors.ts';
import { RateLimiter } from './rate-limit.ts';

const keys = { admin: ['admin-key'], ingest: ['ingest-key', 'ingest-2'] };

describe('identify', () => {
  it('names the key by role and index, never by value', () => {
    expect(identify(keys, 'Bearer admin-key', '1.2.3.4')).toEqual({ role: 'admin', bucket: 'admin#0' });
    expect(identify(keys, 'bearer  ingest-2 ', '1.2.3.4')).toEqual({ role: 'ingest', bucket: 'ingest#1' });
  });

  it('puts missing and unknown keys in the address bucket', () => {
    expect(identify(keys, undefined, '1.2.3.4')).toEqual({ role: 'anonymous', bucket: 'ip:1.2.3.4' });
    expect(identify(keys, 'Bearer nope', '1.2.3.4')).toEqual({ role: 'anonymous', bucket: 'ip:1.2.3.4' });
    expect(identify(keys, 'Basic admin-key', '1.2.3.4').role).toBe('anonymous');
  });

  it('reads the key from HTTP Basic as Segment-spec SDKs send it: the user name (else the password)', () => {
    const basic = (s: string) => `Basic ${btoa(s)}`;
    expect(identify(keys, basic('ingest-key:'), '1.2.3.4')).toEqual({ role: 'ingest', bucket: 'ingest#0' });
    expect(identify(keys, basic('admin-key:anything'), '1.2.3.4').role).toBe('admin');
    expect(identify(keys, basic(':ingest-2'), '1.2.3.4').role).toBe('ingest');
    expect(identify(keys, basic('wrong:ingest-key'), '1.2.3.4').role).toBe('anonymous');
    expect(identify(keys, 'Basic !!not-base64!!', '1.2.3.4').role).toBe('anonymous');
    expect(keyOf(basic('ingest-key'))).toBe('ingest-key');
    expect(keyOf(`Basic ${Buffer.from('clé:').toString('base64')}`)).toBe('clé');
  });

  it('runs open without keys, limited per address', () => {
    expect(identify({ admin: [], ingest: [] }, undefined, '::1')).toEqual({ role: 'open', bucket: 'ip:::1' });
  });
});

describe('guard', () => {
  const app = new Hono<GatewayEnv>();
  app.onError((err, c) => toResponse(err, c, () => {}));
  const limiter = new RateLimiter({ perSecond: 1, burst: 2 }, () => 0);
  const deps = { keys, clientIp: () => 'test' };
  app.get('/admin', guard('admin', deps), (c) => c.text('ok'));
  app.post('/ingest', guard('ingest', deps), (c) => c.text('ok'));
  app.get('/limited', guard('admin', { ...deps, limiter }), (c) => c.text('ok'));
  const call = (method: string, path: string, key?: string) =>
    app.fetch(new Request(`http://t${path}`, { method, headers: key ? { authorization: `Bearer ${key}` } : {} }));

  it.each([
    ['GET', '/admin', 'admin-key', 200],
    ['GET', '/admin', 'ingest-key', 403],
    ['GET', '/admin', 'wrong', 401],
    ['GET', '/admin', undefined, 401],
    ['POST', '/ingest', 'admin-key', 200],
    ['POST', '/ingest', 'ingest-key', 200],
    ['POST', '/ingest', 'wrong', 401],
  ])('%s %s with %s: %i', async (method, path, key, status) => {
    const res = await call(method as string, path as string, key as string | undefined);
    expect(res.status).toBe(status);
    if (status !== 200) expect((await res.json()).error.code).toBe({ 401: 'unauthorized', 403: 'forbidden' }[status as 401 | 403]);
  });

  it('answers 429 with Retry-After once the bucket is empty', async () => {
    expect((await call('GET', '/limited', 'admin-key')).status).toBe(200);
    expect((await call('GET', '/limited', 'admin-key')).status).toBe(200);
    const res = await call('GET', '/limited', 'admin-key');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect((await res.json()).error.code).toBe('rate_limited');
    // Another key has its own bucket.
    expect((await call('GET', '/limited', 'ingest-key')).status).toBe(403);
  });
});

describe('constantTimeEqual', () => {
  it('compares keys exactly', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
  });
});
