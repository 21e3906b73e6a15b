import { describe, it, expect } from 'vitest';
import { MAX_PROFILE_BYTES, parseProfileUpdate } from './profile.ts';

describe('parseProfileUpdate', () => {
  it('accepts the contract example', () => {
    const input = {
      userId: 'u-42',
      timezone: 'Asia/Kolkata',
      unsubscribed: ['sms'],
      props: { email: 'a@example.com', phone: '+919800000000', city: 'Pune', gone: null },
    };
    expect(parseProfileUpdate(input)).toEqual({ ok: true, value: input });
  });

  it('accepts a bare user id and keeps absent fields absent', () => {
    expect(parseProfileUpdate({ userId: 'u' })).toEqual({ ok: true, value: { userId: 'u' } });
  });

  it('de-duplicates unsubscribed channels and accepts an empty list', () => {
    expect(parseProfileUpdate({ userId: 'u', unsubscribed: ['sms', 'push', 'sms'] })).toEqual({
      ok: true,
      value: { userId: 'u', unsubscribed: ['sms', 'push'] },
    });
    expect(parseProfileUpdate({ userId: 'u', unsubscribed: [] }).ok).toBe(true);
  });

  const bad: Array<[string, Record<string, unknown>, string[]]> = [
    ['userId missing', { userId: undefined }, ['userId']],
    ['userId too long', { userId: 'u'.repeat(257) }, ['userId']],
    ['timezone unknown', { timezone: 'Mars/Olympus' }, ['timezone']],
    ['timezone an offset', { timezone: '+05:30' }, ['timezone']],
    ['timezone not a string', { timezone: 5 }, ['timezone']],
    ['unsubscribed not an array', { unsubscribed: 'sms' }, ['unsubscribed']],
    ['unsubscribed unknown channels', { unsubscribed: ['sms', 'fax', 3] }, ['unsubscribed[1]', 'unsubscribed[2]']],
    ['props an array', { props: [] }, ['props']],
    ['props null', { props: null }, ['props']],
    ['unknown field', { email: 'a@b.c' }, ['email']],
  ];
  it.each(bad)('rejects %s', (_, patch, paths) => {
    const r = parseProfileUpdate({ userId: 'u', ...patch });
    expect(r).toMatchObject({ ok: false, code: 'invalid_profile' });
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(paths);
  });

  it('lists every problem at once', () => {
    const r = parseProfileUpdate({ userId: '', timezone: 'Nowhere', unsubscribed: ['x'], props: 1, extra: true });
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['extra', 'userId', 'timezone', 'unsubscribed[0]', 'props']);
  });

  it('rejects a user id with a lone surrogate', () => {
    expect(parseProfileUpdate({ userId: 'a\uD800' })).toMatchObject({ ok: false, code: 'invalid_profile', problems: [{ path: 'userId' }] });
  });

  it('rejects non-objects', () => {
    expect(parseProfileUpdate([])).toMatchObject({ ok: false, code: 'invalid_profile', problems: [{ path: '' }] });
  });

  it('rejects updates over 32 KiB with profile_too_large', () => {
    const r = parseProfileUpdate({ userId: 'u', props: { blob: 'x'.repeat(MAX_PROFILE_BYTES) } });
    expect(r).toMatchObject({ ok: false, code: 'profile_too_large', problems: [{ path: '' }] });
  });
});
