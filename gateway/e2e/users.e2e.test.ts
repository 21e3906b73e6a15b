import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';

describe('GET /v1/users/:userId', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 4 });
  }, 30_000);
  afterAll(async () => {
    await sys?.stop();
  });

  it('shows profile, reach, segments entered with their cause, and pending windows', async () => {
    const launch = (await sys.http('POST', '/v1/segments', { name: 'Launchers', trigger: { kind: 'action', event: 'App Launched' } })).json;
    const cart = (
      await sys.http('POST', '/v1/segments', {
        name: 'Cart, no charge',
        trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '1h' },
      })
    ).json;
    const userId = 'ana.maria@example.com / Zoë';
    await sys.http('POST', '/v1/profiles', {
      userId,
      timezone: 'Europe/Berlin',
      unsubscribed: ['sms'],
      props: { email: 'a@example.com', phone: '+49151' },
    });
    const ts = Date.now();
    await sys.http('POST', '/v1/events', [
      { id: 'ev-launch-1', userId, name: 'App Launched', ts },
      { id: 'ev-cart-1', userId, name: 'Added To Cart', ts },
    ]);
    const path = `/v1/users/${encodeURIComponent(userId)}`;
    const view = await eventually(async () => {
      const r = await sys.http('GET', path);
      return r.status === 200 && r.json.segments.length === 1 && r.json.pending.length === 1 ? r.json : undefined;
    }, 8000);
    expect(view.userId).toBe(userId);
    expect(view.profile).toEqual({ timezone: 'Europe/Berlin', unsubscribed: ['sms'], props: { email: 'a@example.com', phone: '+49151' } });
    expect(view.reach).toEqual({ email: true, sms: false, whatsapp: false, push: false, web_push: false });
    expect(view.segments).toEqual([
      { segmentId: launch.id, name: 'Launchers', entries: 1, lastEntryAt: expect.any(Number), cause: 'ev-launch-1' },
    ]);
    expect(view.pending).toEqual([{ segmentId: cart.id, name: 'Cart, no charge', deadline: ts + 3600_000, cause: 'ev-cart-1' }]);
  });

  it('answers 404 for unknown users and 400 for impossible ids', async () => {
    const missing = await sys.http('GET', '/v1/users/nobody-here');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
    const long = await sys.http('GET', `/v1/users/${'x'.repeat(257)}`);
    expect(long.status).toBe(400);
    expect(long.json.error.details[0].path).toBe('userId');
    expect((await sys.http('GET', '/v1/users/a%0Ab')).status).toBe(400);
    expect((await sys.http('GET', '/v1/users/%E0%A4%A')).status).toBe(404);
  });
});
