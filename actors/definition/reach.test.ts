import { describe, it, expect } from 'vitest';
import type { Channel, Profile } from '../types.ts';
import { applyProfileUpdate, emptyProfile, reachOf } from './reach.ts';

const full = {
  email: 'a@example.com',
  phone: '+919800000000',
  push_token: 'tok',
  web_push: true,
  whatsapp_opt_in: true,
};
const profile = (props: Record<string, unknown>, unsubscribed: Channel[] = []): Profile => ({ unsubscribed, props });

describe('reachOf', () => {
  it('reaches nobody without a profile', () => {
    expect(reachOf(undefined)).toEqual({ email: false, sms: false, whatsapp: false, push: false, web_push: false });
  });

  it('reaches every channel on a complete profile', () => {
    expect(reachOf(profile(full))).toEqual({ email: true, sms: true, whatsapp: true, push: true, web_push: true });
  });

  // One row per channel: [channel, props that break it, unsubscribed that breaks it]
  const table: Array<[Channel, Record<string, unknown>[]]> = [
    ['email', [{ email: '' }, { email: 42 }, { email: undefined }]],
    ['sms', [{ phone: '' }, { phone: null }]],
    ['whatsapp', [{ phone: '' }, { whatsapp_opt_in: false }, { whatsapp_opt_in: 'true' }, { whatsapp_opt_in: undefined }]],
    ['push', [{ push_token: '' }, { push_token: undefined }]],
    ['web_push', [{ web_push: false }, { web_push: 'yes' }, { web_push: undefined }]],
  ];

  it.each(table)('%s: unreachable when a required prop is missing or wrong', (channel, breakers) => {
    for (const b of breakers) expect(reachOf(profile({ ...full, ...b }))[channel]).toBe(false);
  });

  it.each(table.map(([c]) => c))('%s: unreachable when unsubscribed, others unaffected', (channel) => {
    const r = reachOf(profile(full, [channel]));
    expect(r[channel]).toBe(false);
    const others = Object.entries(r).filter(([c]) => c !== channel);
    expect(others.every(([, v]) => v)).toBe(true);
  });

  it('whatsapp needs the phone as well as the opt-in', () => {
    expect(reachOf(profile({ whatsapp_opt_in: true })).whatsapp).toBe(false);
  });
});

describe('applyProfileUpdate', () => {
  it('starts from an empty profile', () => {
    expect(emptyProfile()).toEqual({ unsubscribed: [], props: {} });
    expect(applyProfileUpdate(undefined, { userId: 'u', props: { city: 'Pune' } })).toEqual({
      unsubscribed: [],
      props: { city: 'Pune' },
    });
  });

  it('merges props, deletes on null, replaces timezone and unsubscribed, and copies', () => {
    const before: Profile = { timezone: 'UTC', unsubscribed: ['sms'], props: { a: 1, b: { x: 1 }, c: 3 } };
    const after = applyProfileUpdate(before, {
      userId: 'u',
      timezone: 'Asia/Kolkata',
      unsubscribed: ['email'],
      props: { a: 2, b: { y: 2 }, c: null, d: 4 },
    });
    expect(after).toEqual({ timezone: 'Asia/Kolkata', unsubscribed: ['email'], props: { a: 2, b: { y: 2 }, d: 4 } });
    expect(before).toEqual({ timezone: 'UTC', unsubscribed: ['sms'], props: { a: 1, b: { x: 1 }, c: 3 } });
    expect(after).not.toBe(before);
  });

  it('keeps timezone and unsubscribed when absent', () => {
    const before: Profile = { timezone: 'UTC', unsubscribed: ['sms'], props: {} };
    const after = applyProfileUpdate(before, { userId: 'u' });
    expect(after).toEqual(before);
    expect(after.unsubscribed).not.toBe(before.unsubscribed);
    expect('timezone' in applyProfileUpdate(undefined, { userId: 'u' })).toBe(false);
  });

  it('an empty unsubscribed list resubscribes everything', () => {
    expect(applyProfileUpdate({ unsubscribed: ['sms', 'push'], props: {} }, { userId: 'u', unsubscribed: [] }).unsubscribed).toEqual([]);
  });

  it('stores a "__proto__" prop as data, never as a prototype', () => {
    const update = JSON.parse('{"userId":"u","props":{"__proto__":{"admin":true}}}');
    const after = applyProfileUpdate(undefined, update);
    expect(Object.getPrototypeOf(after.props)).toBe(Object.prototype);
    expect((after.props as { admin?: boolean }).admin).toBeUndefined();
    expect(Object.hasOwn(after.props, '__proto__')).toBe(true);
  });
});
