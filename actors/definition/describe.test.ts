import { describe, it, expect } from 'vitest';
import type { Condition, SegmentDefinition, Trigger } from '../types.ts';
import { describeDefinition } from './describe.ts';
import { describeCondition, describeValue } from './phrases.ts';

const only = (trigger: Trigger, rest: Partial<SegmentDefinition> = {}) => describeDefinition({ name: 'x', trigger, ...rest });

describe('describeDefinition', () => {
  it('reads the contract example naturally', () => {
    expect(
      describeDefinition({
        name: 'Added to cart but no charge within 10 minutes',
        trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '10m' },
        filters: {
          past: [{ did: 'App Launched', count: { op: 'gte', value: 3 }, inLast: '30d' }],
          profile: [{ prop: 'city', op: 'eq', value: 'Pune' }],
        },
        reentry: 'once',
      }),
    ).toBe(
      'Users who did Added To Cart and did not do Charged within 10 minutes, who did App Launched at least 3 times in the last 30 days, whose city is Pune.',
    );
  });

  it.each<[string, Trigger, string]>([
    ['action', { kind: 'action', event: 'Purchase' }, 'Users who did Purchase.'],
    [
      'action with where',
      {
        kind: 'action',
        event: 'Added To Cart',
        where: [
          { prop: 'price', op: 'gte', value: 100 },
          { prop: 'product', op: 'eq', value: 'Shoe' },
          { prop: 'coupon', op: 'not_exists' },
        ],
      },
      'Users who did Added To Cart with price at least 100, product Shoe and no coupon.',
    ],
    [
      'inaction with where on both sides',
      {
        kind: 'inaction',
        event: 'Checkout Started',
        where: [{ prop: 'total', op: 'gt', value: 50 }],
        without: { event: 'Charged', where: [{ prop: 'status', op: 'neq', value: 'failed' }] },
        within: '90s',
      },
      'Users who did Checkout Started with total more than 50 and did not do Charged with status other than failed within 90 seconds.',
    ],
    [
      'datetime before, at a local time',
      { kind: 'datetime', property: 'appointment_at', offset: '-5d', at: '10:00' },
      "Users when appointment_at is 5 days away, at 10:00 in the user's timezone (UTC if not set).",
    ],
    [
      'datetime with a fallback zone',
      { kind: 'datetime', property: 'appointment_at', offset: '-1h', at: '09:30', timezone: 'Asia/Kolkata' },
      "Users when appointment_at is 1 hour away, at 09:30 in the user's timezone (Asia/Kolkata if not set).",
    ],
    ['datetime after', { kind: 'datetime', property: 'trial.ends_at', offset: '2d' }, 'Users when trial.ends_at was 2 days ago.'],
    ['datetime at the instant', { kind: 'datetime', property: 'renewal_at', offset: '0s' }, 'Users when renewal_at is reached.'],
    [
      'page_visit contains',
      { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } },
      'Users who visited a page whose URL contains /pricing.',
    ],
    [
      'page_visit equals',
      { kind: 'page_visit', url: { op: 'equals', value: 'https://shop.com/' } },
      'Users who visited a page whose URL is https://shop.com/.',
    ],
    [
      'referrer',
      { kind: 'referrer', referrer: { op: 'contains', value: 'google.' } },
      'Users who arrived from an external site whose URL contains google.',
    ],
    [
      'referrer regex',
      { kind: 'referrer', referrer: { op: 'regex', value: 'bing|duckduckgo' } },
      'Users who arrived from an external site whose URL matches the pattern bing|duckduckgo.',
    ],
    [
      'page_count distinct, window, url',
      { kind: 'page_count', count: 5, distinct: true, within: '1h', url: { op: 'starts_with', value: 'https://shop.com/docs' } },
      'Users who viewed 5 distinct pages whose URL starts with https://shop.com/docs within 1 hour.',
    ],
    ['page_count since creation', { kind: 'page_count', count: 1 }, 'Users who viewed 1 page since the segment was created.'],
    ['page_count views', { kind: 'page_count', count: 20, within: '7d' }, 'Users who viewed 20 pages within 7 days.'],
  ])('%s', (_, trigger, text) => {
    expect(only(trigger)).toBe(text);
  });

  const purchase: Trigger = { kind: 'action', event: 'Purchase' };

  it.each<[string, NonNullable<SegmentDefinition['filters']>, string]>([
    ['did, default count', { past: [{ did: 'Login', inLast: '1d' }] }, 'Users who did Purchase, who did Login in the last day.'],
    [
      'did exactly once',
      { past: [{ did: 'Login', count: { op: 'eq', value: 1 }, inLast: '7d' }] },
      'Users who did Purchase, who did Login exactly once in the last 7 days.',
    ],
    [
      'did more than twice, with where',
      {
        past: [{ did: 'Search', count: { op: 'gt', value: 2 }, where: [{ prop: 'query', op: 'contains', value: 'shoe' }], inLast: '12h' }],
      },
      'Users who did Purchase, who did Search more than twice with query containing shoe in the last 12 hours.',
    ],
    [
      'did fewer than',
      { past: [{ did: 'Login', count: { op: 'lt', value: 5 }, inLast: '30d' }] },
      'Users who did Purchase, who did Login fewer than 5 times in the last 30 days.',
    ],
    [
      'did at most / not',
      {
        past: [
          { did: 'Login', count: { op: 'lte', value: 3 }, inLast: '30d' },
          { did: 'Refund', count: { op: 'neq', value: 1 }, inLast: '30d' },
        ],
      },
      'Users who did Purchase, who did Login at most 3 times in the last 30 days, who did Refund any number of times except once in the last 30 days.',
    ],
    [
      'count zero reads as did not',
      { past: [{ did: 'Login', count: { op: 'eq', value: 0 }, inLast: '30d' }] },
      'Users who did Purchase, who did not do Login in the last 30 days.',
    ],
    ['didNot', { past: [{ didNot: 'Charged', inLast: '7d' }] }, 'Users who did Purchase, who did not do Charged in the last 7 days.'],
    [
      'profile conditions',
      {
        profile: [
          { prop: 'city', op: 'in', value: ['Pune', 'Mumbai', 'Delhi'] },
          { prop: 'age', op: 'gte', value: 18 },
          { prop: 'email', op: 'exists' },
        ],
      },
      'Users who did Purchase, whose city is one of Pune, Mumbai or Delhi, whose age is at least 18, whose email is set.',
    ],
  ])('filters: %s', (_, filters, text) => {
    expect(only(purchase, { filters })).toBe(text);
  });

  it('describes reentry', () => {
    expect(only(purchase, { reentry: 'every', cooldown: '1d' })).toBe('Users who did Purchase; may enter again, at most once every 1 day.');
    expect(only(purchase, { reentry: 'every' })).toBe('Users who did Purchase; may enter again each time they qualify.');
    expect(only(purchase, { reentry: 'once' })).toBe('Users who did Purchase.');
  });
});

describe('describeCondition', () => {
  const table: Array<[Condition, string, string]> = [
    [{ prop: 'city', op: 'eq', value: 'Pune' }, 'whose city is Pune', 'with city Pune'],
    [{ prop: 'city', op: 'neq', value: 'Pune' }, 'whose city is not Pune', 'with city other than Pune'],
    [{ prop: 'price', op: 'gt', value: 100 }, 'whose price is more than 100', 'with price more than 100'],
    [{ prop: 'price', op: 'gte', value: 100 }, 'whose price is at least 100', 'with price at least 100'],
    [{ prop: 'price', op: 'lt', value: 100 }, 'whose price is less than 100', 'with price less than 100'],
    [{ prop: 'price', op: 'lte', value: 100 }, 'whose price is at most 100', 'with price at most 100'],
    [{ prop: 'signup', op: 'gt', value: '2026-01-01' }, 'whose signup is after 2026-01-01', 'with signup after 2026-01-01'],
    [{ prop: 'signup', op: 'gte', value: '2026-01-01' }, 'whose signup is 2026-01-01 or later', 'with signup 2026-01-01 or later'],
    [{ prop: 'signup', op: 'lt', value: '2026-01-01' }, 'whose signup is before 2026-01-01', 'with signup before 2026-01-01'],
    [{ prop: 'signup', op: 'lte', value: '2026-01-01' }, 'whose signup is 2026-01-01 or earlier', 'with signup 2026-01-01 or earlier'],
    [{ prop: 'tags', op: 'contains', value: 'vip' }, 'whose tags contains vip', 'with tags containing vip'],
    [{ prop: 'url', op: 'starts_with', value: '/shop' }, 'whose url starts with /shop', 'with url starting with /shop'],
    [{ prop: 'plan', op: 'in', value: ['pro', 'team'] }, 'whose plan is one of pro or team', 'with plan one of pro or team'],
    [{ prop: 'coupon', op: 'exists' }, 'whose coupon is set', 'with coupon set'],
    [{ prop: 'coupon', op: 'not_exists' }, 'whose coupon is not set', 'with no coupon'],
  ];
  it.each(table)('%j', (c, whose, withText) => {
    expect(describeCondition(c, 'whose')).toBe(whose);
    expect(describeCondition(c, 'with')).toBe(withText);
  });
});

describe('describeValue', () => {
  it.each([
    ['Pune', 'Pune'],
    ['', '""'],
    [3, '3'],
    [true, 'true'],
    [null, 'empty'],
    [['a'], 'a'],
    [['a', 'b', 'c'], 'a, b or c'],
    [{ a: 1 }, '{"a":1}'],
  ])('%j → %s', (v, text) => {
    expect(describeValue(v)).toBe(text);
  });
});
