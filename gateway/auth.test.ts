import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { authMiddleware, constantTimeEqual } from './auth.ts';
import { toResponse } from './errors.ts';

const app = new Hono();
app.onError((err, c) => toResponse(err, c, () => {}));
app.use('/v1/*', authMiddleware({ admin: ['admin-key'], ingest: ['ingest-key'] }));
app.post('/v1/events', (c) => c.text('ok'));
app.post('/v1/profiles', (c) => c.text('ok'));
app.get('/v1/segments', (c) => c.text('ok'));
app.post('/v1/segments', (c) => c.text('ok'));
app.get('/healthz', (c) => c.text('ok'));

const call = (method: string, path: string, key?: string) =>
  app.fetch(new Request(`http://t${path}`, { method, headers: key ? { authorization: `Bearer ${key}` } : {} }));

describe('auth', () => {
  const routes: Array<[string, string, boolean]> = [
    ['POST', '/v1/events', true], ['POST', '/v1/profiles', true], ['GET', '/v1/segments', false], ['POST', '/v1/segments', false],
  ];
  it.each(routes)('%s %s: none 401, wrong 401, ingest per role, admin 200', async (method, path, ingestAllowed) => {
    expect((await call(method, path)).status).toBe(401);
    expect((await call(method, path, 'wrong')).status).toBe(401);
    expect((await call(method, path, 'ingest-key')).status).toBe(ingestAllowed ? 200 : 403);
    expect((await call(method, path, 'admin-key')).status).toBe(200);
  });

  it('answers 401 with the error shape', async () => {
    const res = await call('GET', '/v1/segments');
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('leaves health open', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200);
  });

  it('compares keys exactly', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
  });
});
