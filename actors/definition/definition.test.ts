import { describe, it, expect } from 'vitest';
import type { SegmentDefinition } from '../types.ts';
import { parseDefinition } from './definition.ts';

const contractExample: SegmentDefinition = {
  name: 'Added to cart but no charge within 10 minutes',
  trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '10m' },
  filters: {
    past: [{ did: 'App Launched', count: { op: 'gte', value: 3 }, inLast: '30d' }],
    profile: [{ prop: 'city', op: 'eq', value: 'Pune' }],
  },
  reentry: 'once',
};

const goodByKind: Record<string, SegmentDefinition> = {
  action: { name: 'Big carts', trigger: { kind: 'action', event: 'Added To Cart', where: [{ prop: 'price', op: 'gte', value: 100 }] } },
  inaction: contractExample,
  datetime: {
    name: 'Appointment reminder',
    trigger: { kind: 'datetime', property: 'appointment_at', offset: '-5d', at: '10:00', timezone: 'Asia/Kolkata' },
  },
  page_visit: { name: 'Pricing visitors', trigger: { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } } },
  referrer: { name: 'From Google', trigger: { kind: 'referrer', referrer: { op: 'regex', value: '^https://(www\\.)?google\\.' } } },
  page_count: {
    name: 'Doc readers',
    trigger: { kind: 'page_count', count: 5, within: '1h', url: { op: 'starts_with', value: 'https://shop.com/docs' }, distinct: true },
    reentry: 'every',
    cooldown: '1d',
  },
};

/** The paths of the problems found in `input`, or 'ok'. */
const paths = (input: unknown): string[] | 'ok' => {
  const r = parseDefinition(input);
  return r.ok ? 'ok' : r.problems.map((p) => p.path);
};

describe('parseDefinition: accepted', () => {
  it.each(Object.entries(goodByKind))('%s', (_, def) => {
    expect(parseDefinition(def)).toEqual({ ok: true, value: def });
  });

  it('keeps optional fields absent when absent (no default reentry written)', () => {
    const r = parseDefinition({ name: 'x', trigger: { kind: 'page_count', count: 1 } });
    expect(r).toEqual({ ok: true, value: { name: 'x', trigger: { kind: 'page_count', count: 1 } } });
  });

  it('returns a clean copy: exists/not_exists drop a stray value, inputs are not shared', () => {
    const input = {
      name: 'x',
      trigger: { kind: 'action', event: 'E', where: [{ prop: 'coupon', op: 'exists', value: 'ignored' }] },
      filters: { past: [{ didNot: 'Charged', inLast: '7d' }], profile: [] },
    };
    const r = parseDefinition(input);
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'x',
        trigger: { kind: 'action', event: 'E', where: [{ prop: 'coupon', op: 'exists' }] },
        filters: { past: [{ didNot: 'Charged', inLast: '7d' }], profile: [] },
      },
    });
    expect(r.ok && r.value.trigger).not.toBe(input.trigger);
  });

  it('accepts zero and positive datetime offsets and the limits of every range', () => {
    expect(paths({ name: 'x', trigger: { kind: 'datetime', property: 'a.b', offset: '0s', at: '00:00' } })).toBe('ok');
    expect(paths({ name: 'x', trigger: { kind: 'datetime', property: 'birthday', offset: '2h', at: '23:59' } })).toBe('ok');
    expect(paths({ name: 'n'.repeat(200), trigger: { kind: 'page_count', count: 1_000, within: '400d' } })).toBe('ok');
    expect(paths({ ...action(), filters: { past: Array(10).fill({ did: 'A', count: { op: 'gte', value: 1_000 }, inLast: '1d' }) } })).toBe(
      'ok',
    );
    expect(paths({ name: 'x', trigger: { kind: 'action', event: 'e'.repeat(128) } })).toBe('ok');
    expect(paths({ name: 'x', trigger: { kind: 'referrer', referrer: { op: 'regex', value: 'a'.repeat(512) } } })).toBe('ok');
  });

  it('accepts every past-filter count op and count value 0', () => {
    for (const op of ['eq', 'neq', 'gt', 'gte', 'lt', 'lte']) {
      const def = {
        name: 'x',
        trigger: { kind: 'action', event: 'E' },
        filters: { past: [{ did: 'A', count: { op, value: 0 }, inLast: '1d' }] },
      };
      expect(paths(def)).toBe('ok');
    }
  });
});

const action = (trigger: Record<string, unknown> = {}) => ({ name: 'x', trigger: { kind: 'action', event: 'E', ...trigger } });
const withTrigger = (trigger: Record<string, unknown>) => ({ name: 'x', trigger });
const withPast = (...past: unknown[]) => ({ ...action(), filters: { past } });
const inaction = { kind: 'inaction', event: 'A', without: { event: 'B' }, within: '10m' };

describe('parseDefinition: each rule reports its exact path', () => {
  const cases: Array<[string, unknown, string[]]> = [
    ['root not an object', [], ['']],
    ['name missing', { trigger: { kind: 'action', event: 'E' } }, ['name']],
    ['name blank', { ...action(), name: '   ' }, ['name']],
    ['name too long', { ...action(), name: 'n'.repeat(201) }, ['name']],
    ['name not a string', { ...action(), name: 7 }, ['name']],
    ['unknown top-level field', { ...action(), id: 'seg-1' }, ['id']],
    ['trigger missing', { name: 'x' }, ['trigger']],
    ['trigger not an object', { name: 'x', trigger: 'action' }, ['trigger']],
    ['kind missing', withTrigger({ event: 'E' }), ['trigger.kind']],
    ['kind unknown', withTrigger({ kind: 'click', event: 'E' }), ['trigger.kind']],
    ['action: event missing', withTrigger({ kind: 'action' }), ['trigger.event']],
    ['action: event empty', action({ event: '' }), ['trigger.event']],
    ['action: event too long', action({ event: 'e'.repeat(129) }), ['trigger.event']],
    ['action: unknown field', action({ within: '10m' }), ['trigger.within']],
    ['where not an array', action({ where: { prop: 'a', op: 'eq', value: 1 } }), ['trigger.where']],
    ['where item not an object', action({ where: ['price > 3'] }), ['trigger.where[0]']],
    ['where: prop missing', action({ where: [{ op: 'exists' }] }), ['trigger.where[0].prop']],
    ['where: prop bad path', action({ where: [{ prop: 'a..b', op: 'exists' }] }), ['trigger.where[0].prop']],
    [
      'where: op unknown',
      action({
        where: [
          { prop: 'a', op: 'eq', value: 1 },
          { prop: 'a', op: 'like', value: 1 },
        ],
      }),
      ['trigger.where[1].op'],
    ],
    ['where: op missing', action({ where: [{ prop: 'a', value: 1 }] }), ['trigger.where[0].op']],
    ['where: value missing', action({ where: [{ prop: 'a', op: 'eq' }] }), ['trigger.where[0].value']],
    ['where: in needs an array', action({ where: [{ prop: 'a', op: 'in', value: 'x' }] }), ['trigger.where[0].value']],
    ['where: in needs a non-empty array', action({ where: [{ prop: 'a', op: 'in', value: [] }] }), ['trigger.where[0].value']],
    ['where: gt needs number or string', action({ where: [{ prop: 'a', op: 'gt', value: true }] }), ['trigger.where[0].value']],
    ['where: lte needs number or string', action({ where: [{ prop: 'a', op: 'lte', value: null }] }), ['trigger.where[0].value']],
    ['where: starts_with needs a string', action({ where: [{ prop: 'a', op: 'starts_with', value: 1 }] }), ['trigger.where[0].value']],
    ['where: unknown field', action({ where: [{ prop: 'a', op: 'exists', not: true }] }), ['trigger.where[0].not']],
    ['inaction: without missing', withTrigger({ ...inaction, without: undefined }), ['trigger.without']],
    ['inaction: without not an object', withTrigger({ ...inaction, without: 'B' }), ['trigger.without']],
    ['inaction: without.event missing', withTrigger({ ...inaction, without: {} }), ['trigger.without.event']],
    [
      'inaction: without.where bad',
      withTrigger({ ...inaction, without: { event: 'B', where: [{ prop: 'a', op: 'gt' }] } }),
      ['trigger.without.where[0].value'],
    ],
    ['inaction: without unknown field', withTrigger({ ...inaction, without: { event: 'B', within: '1m' } }), ['trigger.without.within']],
    ['inaction: within missing', withTrigger({ ...inaction, within: undefined }), ['trigger.within']],
    ['inaction: within malformed', withTrigger({ ...inaction, within: '10 minutes' }), ['trigger.within']],
    ['inaction: within a number', withTrigger({ ...inaction, within: 600 }), ['trigger.within']],
    ['inaction: within zero', withTrigger({ ...inaction, within: '0m' }), ['trigger.within']],
    ['inaction: within negative', withTrigger({ ...inaction, within: '-10m' }), ['trigger.within']],
    ['inaction: within over 400d', withTrigger({ ...inaction, within: '401d' }), ['trigger.within']],
    ['datetime: property missing', withTrigger({ kind: 'datetime', offset: '0s' }), ['trigger.property']],
    ['datetime: property bad', withTrigger({ kind: 'datetime', property: '.a', offset: '0s' }), ['trigger.property']],
    ['datetime: offset missing', withTrigger({ kind: 'datetime', property: 'a' }), ['trigger.offset']],
    ['datetime: offset float', withTrigger({ kind: 'datetime', property: 'a', offset: '1.5d' }), ['trigger.offset']],
    ['datetime: offset over 10 years', withTrigger({ kind: 'datetime', property: 'a', offset: '-3651d' }), ['trigger.offset']],
    ['datetime: at 24:00', withTrigger({ kind: 'datetime', property: 'a', offset: '0s', at: '24:00' }), ['trigger.at']],
    ['datetime: at 9:00', withTrigger({ kind: 'datetime', property: 'a', offset: '0s', at: '9:00' }), ['trigger.at']],
    ['datetime: at 10:60', withTrigger({ kind: 'datetime', property: 'a', offset: '0s', at: '10:60' }), ['trigger.at']],
    [
      'datetime: timezone unknown',
      withTrigger({ kind: 'datetime', property: 'a', offset: '0s', timezone: 'Mars/Base' }),
      ['trigger.timezone'],
    ],
    ['page_visit: url missing', withTrigger({ kind: 'page_visit' }), ['trigger.url']],
    ['page_visit: url a string', withTrigger({ kind: 'page_visit', url: '/pricing' }), ['trigger.url']],
    ['page_visit: url op unknown', withTrigger({ kind: 'page_visit', url: { op: 'glob', value: '*' } }), ['trigger.url.op']],
    ['page_visit: url op missing', withTrigger({ kind: 'page_visit', url: { value: '/a' } }), ['trigger.url.op']],
    ['page_visit: url value empty', withTrigger({ kind: 'page_visit', url: { op: 'contains', value: '' } }), ['trigger.url.value']],
    [
      'page_visit: url value too long',
      withTrigger({ kind: 'page_visit', url: { op: 'contains', value: 'x'.repeat(2049) } }),
      ['trigger.url.value'],
    ],
    [
      'page_visit: url unknown field',
      withTrigger({ kind: 'page_visit', url: { op: 'contains', value: 'x', flags: 'i' } }),
      ['trigger.url.flags'],
    ],
    [
      'page_visit: unknown field',
      withTrigger({ kind: 'page_visit', url: { op: 'contains', value: 'x' }, referrer: 1 }),
      ['trigger.referrer'],
    ],
    ['referrer: missing', withTrigger({ kind: 'referrer' }), ['trigger.referrer']],
    [
      'referrer: regex does not compile',
      withTrigger({ kind: 'referrer', referrer: { op: 'regex', value: '(' } }),
      ['trigger.referrer.value'],
    ],
    [
      'referrer: regex too long',
      withTrigger({ kind: 'referrer', referrer: { op: 'regex', value: 'a'.repeat(513) } }),
      ['trigger.referrer.value'],
    ],
    ['page_count: count missing', withTrigger({ kind: 'page_count' }), ['trigger.count']],
    ['page_count: count zero', withTrigger({ kind: 'page_count', count: 0 }), ['trigger.count']],
    ['page_count: count fractional', withTrigger({ kind: 'page_count', count: 2.5 }), ['trigger.count']],
    ['page_count: count too big', withTrigger({ kind: 'page_count', count: 1_001 }), ['trigger.count']],
    ['page_count: count a string', withTrigger({ kind: 'page_count', count: '5' }), ['trigger.count']],
    ['page_count: distinct not boolean', withTrigger({ kind: 'page_count', count: 5, distinct: 'yes' }), ['trigger.distinct']],
    ['page_count: within zero', withTrigger({ kind: 'page_count', count: 5, within: '0h' }), ['trigger.within']],
    ['page_count: bad url', withTrigger({ kind: 'page_count', count: 5, url: { op: 'regex', value: '[' } }), ['trigger.url.value']],
    ['filters not an object', { ...action(), filters: [] }, ['filters']],
    ['filters unknown field', { ...action(), filters: { future: [] } }, ['filters.future']],
    ['filters.past not an array', { ...action(), filters: { past: {} } }, ['filters.past']],
    ['past item not an object', withPast('A'), ['filters.past[0]']],
    ['past: neither did nor didNot', withPast({ inLast: '1d' }), ['filters.past[0]']],
    ['past: both did and didNot', withPast({ did: 'A', didNot: 'B', inLast: '1d' }), ['filters.past[0]']],
    ['past: inLast missing', withPast({ did: 'A' }), ['filters.past[0].inLast']],
    ['past: inLast too long', withPast({ did: 'A', inLast: '9601h' }), ['filters.past[0].inLast']],
    ['past: did empty', withPast({ did: '', inLast: '1d' }), ['filters.past[0].did']],
    ['past: didNot not a string', withPast({ didNot: 3, inLast: '1d' }), ['filters.past[0].didNot']],
    ['past: count with didNot', withPast({ didNot: 'A', count: { op: 'gte', value: 1 }, inLast: '1d' }), ['filters.past[0].count']],
    ['past: count not an object', withPast({ did: 'A', count: 3, inLast: '1d' }), ['filters.past[0].count']],
    ['past: count op unknown', withPast({ did: 'A', count: { op: 'in', value: 1 }, inLast: '1d' }), ['filters.past[0].count.op']],
    ['past: count value negative', withPast({ did: 'A', count: { op: 'gte', value: -1 }, inLast: '1d' }), ['filters.past[0].count.value']],
    [
      'past: count value too big',
      withPast({ did: 'A', count: { op: 'gte', value: 1_001 }, inLast: '1d' }),
      ['filters.past[0].count.value'],
    ],
    ['past: more than 10 filters', { ...action(), filters: { past: Array(11).fill({ didNot: 'A', inLast: '1d' }) } }, ['filters.past']],
    [
      'past: count value fractional',
      withPast({ did: 'A', count: { op: 'gte', value: 1.5 }, inLast: '1d' }),
      ['filters.past[0].count.value'],
    ],
    ['past: count value missing', withPast({ did: 'A', count: { op: 'gte' }, inLast: '1d' }), ['filters.past[0].count.value']],
    [
      'past: count unknown field',
      withPast({ did: 'A', count: { op: 'gte', value: 1, per: 'day' }, inLast: '1d' }),
      ['filters.past[0].count.per'],
    ],
    ['past: where bad', withPast({ did: 'A', where: [{ prop: 'a', op: 'nope' }], inLast: '1d' }), ['filters.past[0].where[0].op']],
    ['past: unknown field', withPast({ did: 'A', inLast: '1d', within: '1d' }), ['filters.past[0].within']],
    ['second past filter', withPast({ did: 'A', inLast: '1d' }, { did: 'B', inLast: '1y' }), ['filters.past[1].inLast']],
    ['profile not an array', { ...action(), filters: { profile: { prop: 'a', op: 'exists' } } }, ['filters.profile']],
    ['profile condition bad', { ...action(), filters: { profile: [{ prop: 'city', op: 'eq' }] } }, ['filters.profile[0].value']],
    ['reentry unknown', { ...action(), reentry: 'always' }, ['reentry']],
    ['cooldown without reentry', { ...action(), cooldown: '1d' }, ['cooldown']],
    ['cooldown with reentry once', { ...action(), reentry: 'once', cooldown: '1d' }, ['cooldown']],
    ['cooldown malformed', { ...action(), reentry: 'every', cooldown: '1 day' }, ['cooldown']],
    ['cooldown zero', { ...action(), reentry: 'every', cooldown: '0s' }, ['cooldown']],
    ['cooldown over 400d', { ...action(), reentry: 'every', cooldown: '401d' }, ['cooldown']],
  ];
  it.each(cases)('%s', (_, input, want) => {
    expect(paths(input)).toEqual(want);
  });

  it('gives every problem a message', () => {
    const r = parseDefinition(withTrigger({ ...inaction, within: '0m' }));
    expect(r).toEqual({ ok: false, problems: [{ path: 'trigger.within', message: 'must be positive' }] });
  });
});

describe('parseDefinition: many problems at once', () => {
  it('reports all of them, not just the first', () => {
    const input = {
      name: '',
      colour: 'red',
      trigger: {
        kind: 'inaction',
        event: '',
        where: [
          { prop: 'price', op: 'gte', value: 100 },
          { prop: '', op: 'bigger', value: 1 },
        ],
        without: { where: 'x' },
        within: '10 minutes',
        extra: 1,
      },
      filters: {
        past: [
          { did: 'App Launched', count: { op: 'gte', value: -3 }, inLast: '30' },
          { didNot: 'Charged', count: { op: 'eq', value: 0 }, inLast: '7d' },
        ],
        profile: [{ prop: 'city', op: 'in', value: 'Pune' }],
      },
      reentry: 'sometimes',
      cooldown: '-1d',
    };
    expect(paths(input)).toEqual([
      'colour',
      'name',
      'trigger.extra',
      'trigger.event',
      'trigger.where[1].prop',
      'trigger.where[1].op',
      'trigger.without.event',
      'trigger.without.where',
      'trigger.within',
      'filters.past[0].inLast',
      'filters.past[0].count.value',
      'filters.past[1].count',
      'filters.profile[0].value',
      'reentry',
      'cooldown',
      'cooldown',
    ]);
  });
});
