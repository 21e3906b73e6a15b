import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newSecret, sign, webhookHeaders } from './signature.ts';

describe('Standard Webhooks signatures', () => {
  it('makes secrets of 32 random bytes behind whsec_', () => {
    const s = newSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(s.slice(6)).length).toBe(32);
    expect(newSecret()).not.toBe(s);
  });

  it('signs what the standardwebhooks library verifies, and nothing else', async () => {
    const secret = newSecret();
    const body = JSON.stringify({ type: 'segment.entry', data: { userId: 'ü' } });
    const headers = await webhookHeaders(secret, 'sg_1:u1:1', Date.now(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'other' })).toThrow();
  });

  it('agrees with the library byte for byte', async () => {
    const secret = newSecret();
    const at = new Date(1_700_000_000_000);
    expect(await sign(secret, 'msg_1', 1_700_000_000, '{"a":1}')).toBe(new Webhook(secret).sign('msg_1', at, '{"a":1}'));
  });
});
