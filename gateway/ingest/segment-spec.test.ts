import { describe, expect, it } from 'vitest';
import { type MapContext, mapMessage } from './segment-spec.ts';

const NOW = Date.parse('2026-12-02T10:00:00.000Z');
const ctx = (more: Partial<MapContext> = {}): MapContext => ({ now: NOW, newId: () => 'generated', ...more });
const ok = (input: unknown, c = ctx()) => {
  const r = mapMessage(input, c);
  if (!r.ok) throw new Error(`expected a mapping, got ${JSON.stringify(r.problems)}`);
  return r.value;
};
const problems = (input: unknown, c = ctx()) => {
  const r = mapMessage(input, c);
  if (r.ok) throw new Error('expected a rejection');
  return r;
};

describe('track', () => {
  it('becomes the event named `event` with properties as props, messageId as id', () => {
    expect(
      ok({ type: 'track', userId: 'u-1', event: 'Added To Cart', messageId: 'm-1', properties: { price: 120 }, timestamp: NOW - 5000 }),
    ).toEqual({
      type: 'track',
      kind: 'event',
      event: { id: 'm-1', userId: 'u-1', name: 'Added To Cart', ts: NOW - 5000, props: { price: 120 } },
    });
  });

  it('uses anonymousId when there is no userId, and receipt time without a timestamp', () => {
    const v = ok({ type: 'track', userId: null, anonymousId: 'anon-7', event: 'Opened' });
    expect(v).toMatchObject({ kind: 'event', event: { userId: 'anon-7', ts: NOW, id: 'generated', props: {} } });
    expect(ok({ type: 'track', userId: '', anonymousId: 'anon-8', event: 'X' })).toMatchObject({ event: { userId: 'anon-8' } });
  });

  it('prefers userId over anonymousId, and takes numeric ids as text', () => {
    expect(ok({ type: 'track', userId: 'known', anonymousId: 'anon', event: 'X' })).toMatchObject({ event: { userId: 'known' } });
    expect(ok({ type: 'track', userId: 42, event: 'X' })).toMatchObject({ event: { userId: '42' } });
  });

  it('corrects device clock skew by sentAt, as Segment does (receipt − (sentAt − timestamp))', () => {
    const hoursBehind = 3 * 3600_000;
    const timestamp = new Date(NOW - hoursBehind - 2000).toISOString();
    const sentAt = new Date(NOW - hoursBehind).toISOString();
    expect(ok({ type: 'track', userId: 'u', event: 'X', timestamp, sentAt })).toMatchObject({ event: { ts: NOW - 2000 } });
    // The batch's sentAt serves items without their own; RudderStack's originalTimestamp stands in for timestamp.
    const batch = ctx({ sentAt });
    expect(ok({ type: 'track', userId: 'u', event: 'X', originalTimestamp: timestamp }, batch)).toMatchObject({
      event: { ts: NOW - 2000 },
    });
  });

  it('keeps reserved names reserved and limits the event size', () => {
    expect(problems({ type: 'track', userId: 'u', event: '$internal' })).toMatchObject({
      code: 'reserved_name',
      problems: [{ path: 'event' }],
    });
    const big = problems({ type: 'track', userId: 'u', event: 'X', properties: { blob: 'x'.repeat(40_000) } });
    expect(big.code).toBe('event_too_large');
  });
});

describe('page', () => {
  it('becomes $page_view with url, referrer and title from properties', () => {
    const v = ok({
      type: 'page',
      anonymousId: 'a-1',
      name: 'Pricing',
      properties: { url: 'https://shop.example/pricing', referrer: 'https://news.example/', title: 'Pricing', path: '/pricing' },
    });
    expect(v).toMatchObject({
      type: 'page',
      event: {
        name: '$page_view',
        userId: 'a-1',
        props: {
          url: 'https://shop.example/pricing',
          referrer: 'https://news.example/',
          title: 'Pricing',
          path: '/pricing',
          name: 'Pricing',
        },
      },
    });
  });

  it('falls back to context.page (the message context over the batch context)', () => {
    const v = ok(
      { type: 'page', userId: 'u', properties: { title: null }, context: { page: { url: 'https://a.example/x', title: 'X' } } },
      ctx({ context: { page: { referrer: 'https://b.example/' } } }),
    );
    expect(v).toMatchObject({ event: { props: { url: 'https://a.example/x', title: 'X' } } });
    const batchOnly = ok({ type: 'page', userId: 'u' }, ctx({ context: { page: { url: 'https://a.example/', referrer: '' } } }));
    expect(batchOnly).toMatchObject({ event: { props: { url: 'https://a.example/', referrer: '' } } });
  });

  it('refuses a page without a URL, or with a relative one', () => {
    expect(problems({ type: 'page', userId: 'u', properties: {} }).problems).toEqual([
      { path: 'properties.url', message: 'a page call needs properties.url or context.page.url' },
    ]);
    expect(problems({ type: 'page', userId: 'u', properties: { url: '/relative' } }).problems).toEqual([
      { path: 'properties.url', message: 'must be an absolute URL' },
    ]);
  });
});

describe('screen', () => {
  it('becomes $screen_view with the properties and the screen name as props', () => {
    expect(ok({ type: 'screen', userId: 'u', name: 'Home', properties: { tab: 'feed' } })).toMatchObject({
      type: 'screen',
      event: { name: '$screen_view', props: { name: 'Home', tab: 'feed' } },
    });
  });
});

describe('identify', () => {
  it('becomes a profile update: traits into props, a valid context.timezone, messageId as the update id', () => {
    expect(
      ok({
        type: 'identify',
        userId: 'u-9',
        messageId: 'm-9',
        traits: { email: 'a@example.com', phone: '+919800000000', plan: 'pro' },
        context: { timezone: 'Asia/Kolkata' },
      }),
    ).toEqual({
      type: 'identify',
      kind: 'profile',
      id: 'm-9',
      update: { userId: 'u-9', timezone: 'Asia/Kolkata', props: { email: 'a@example.com', phone: '+919800000000', plan: 'pro' } },
    });
  });

  it('ignores an invalid time zone, reads context.traits (RudderStack), and identifies anonymous visitors', () => {
    const v = ok({ type: 'identify', anonymousId: 'anon', context: { timezone: 'Mars/Olympus', traits: { city: 'Pune' } } });
    expect(v).toEqual({ type: 'identify', kind: 'profile', id: 'generated', update: { userId: 'anon', props: { city: 'Pune' } } });
  });

  it('refuses traits that are not an object', () => {
    expect(problems({ type: 'identify', userId: 'u', traits: 'vip' })).toMatchObject({
      code: 'invalid_profile',
      problems: [{ path: 'traits' }],
    });
  });
});

describe('alias and group', () => {
  it('are accepted and ignored', () => {
    expect(ok({ type: 'alias', userId: 'u', previousId: 'anon' })).toEqual({ type: 'alias', kind: 'ignored' });
    expect(ok({ type: 'group', userId: 'u', groupId: 'g' })).toEqual({ type: 'group', kind: 'ignored' });
  });
});

describe('bad messages: a clear reason with the path of the field at fault', () => {
  it.each([
    ['not an object', 'track', { path: '', message: 'must be a JSON object' }],
    [[1, 2], undefined, { path: '', message: 'must be a JSON object' }],
    [{ type: 'purchase', userId: 'u' }, undefined, { path: 'type', message: 'must be one of track, page, screen, identify, alias, group' }],
    [{ type: 'track', event: 'X' }, undefined, { path: 'userId', message: 'a message needs a userId or an anonymousId' }],
    [{ type: 'track', userId: { id: 1 }, event: 'X' }, undefined, { path: 'userId', message: 'must be a string' }],
    [{ type: 'track', userId: 'u', event: 'X', timestamp: 'yesterday' }, undefined, { path: 'timestamp' }],
    [{ type: 'track', userId: 'u', event: 'X', messageId: 'a\nb' }, undefined, { path: 'messageId' }],
    [{ type: 'track', userId: 'u', event: 'X', properties: [1] }, undefined, { path: 'properties', message: 'must be a JSON object' }],
    [{ type: 'track', userId: 'u' }, undefined, { path: 'event' }],
  ])('%j', (input, type, problem) => {
    const r = problems(input, ctx({ type: type as 'track' | undefined }));
    expect(r.problems).toContainEqual(expect.objectContaining(problem));
  });

  it('refuses a timestamp more than 24 h ahead even after skew correction', () => {
    const r = problems({ type: 'track', userId: 'u', event: 'X', timestamp: new Date(NOW + 2 * 86_400_000).toISOString() });
    expect(r).toMatchObject({ code: 'ts_in_future', problems: [{ path: 'timestamp' }] });
  });

  it('takes the type from a single-message route over the body', () => {
    expect(ok({ type: 'page', userId: 'u', event: 'X' }, ctx({ type: 'track' }))).toMatchObject({ type: 'track', event: { name: 'X' } });
  });
});
