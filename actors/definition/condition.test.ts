import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Condition, ConditionOp } from '../types.ts';
import { jsonEqual, matchAll, matchCondition } from './condition.ts';

const props = {
  city: 'Pune',
  price: 120,
  priceText: '120',
  tags: ['vip', 'beta', 7],
  premium: true,
  nothing: null,
  when: '2026-03-01T10:00:00Z',
  address: { city: 'Pune', zip: '411001' },
  title: 'Summer sale',
};

const cases: Array<[ConditionOp, string, unknown, boolean]> = [
  ['eq', 'city', 'Pune', true],
  ['eq', 'city', 'pune', false],
  ['eq', 'price', 120, true],
  ['eq', 'price', '120', false], // strict: numbers never equal numeric strings
  ['eq', 'priceText', 120, false],
  ['eq', 'premium', true, true],
  ['eq', 'nothing', null, true],
  ['eq', 'missing', null, false],
  ['eq', 'address', { zip: '411001', city: 'Pune' }, true],
  ['eq', 'tags', ['vip', 'beta', 7], true],
  ['eq', 'address.city', 'Pune', true],
  ['neq', 'city', 'Mumbai', true],
  ['neq', 'city', 'Pune', false],
  ['neq', 'price', '120', true],
  ['neq', 'missing', 'x', true],
  ['gt', 'price', 100, true],
  ['gt', 'price', 120, false],
  ['gte', 'price', 120, true],
  ['lt', 'price', 200, true],
  ['lt', 'price', 120, false],
  ['lte', 'price', 120, true],
  ['gt', 'priceText', 100, false], // string vs number never compares
  ['lt', 'price', '200', false],
  ['gt', 'when', '2026-01-01', true], // ISO dates compare lexically
  ['lt', 'when', '2026-03-01T09:59:59Z', false],
  ['gte', 'missing', 0, false],
  ['lte', 'nothing', 0, false],
  ['contains', 'title', 'sale', true],
  ['contains', 'title', 'Sale', false],
  ['contains', 'tags', 'vip', true],
  ['contains', 'tags', 7, true],
  ['contains', 'tags', '7', false],
  ['contains', 'price', 1, false],
  ['contains', 'title', 1, false],
  ['starts_with', 'title', 'Summer', true],
  ['starts_with', 'title', 'sale', false],
  ['starts_with', 'price', '1', false],
  ['in', 'city', ['Mumbai', 'Pune'], true],
  ['in', 'city', ['Mumbai'], false],
  ['in', 'price', ['120'], false],
  ['in', 'missing', [null], false],
  ['in', 'nothing', [null], true],
  ['in', 'city', 'Pune', false],
  ['exists', 'city', undefined, true],
  ['exists', 'nothing', undefined, false],
  ['exists', 'missing', undefined, false],
  ['exists', 'address.zip', undefined, true],
  ['not_exists', 'missing', undefined, true],
  ['not_exists', 'nothing', undefined, true],
  ['not_exists', 'city', undefined, false],
];

describe('matchCondition', () => {
  it.each(cases)('%s %s %j → %s', (op, prop, value, want) => {
    expect(matchCondition({ prop, op, value }, props)).toBe(want);
  });

  it('treats an unknown op as no match', () => {
    expect(matchCondition({ prop: 'city', op: 'like' as ConditionOp, value: 'P' }, props)).toBe(false);
  });

  it('neq is the exact negation of eq', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const p = { a };
        expect(matchCondition({ prop: 'a', op: 'neq', value: b }, p)).toBe(!matchCondition({ prop: 'a', op: 'eq', value: b }, p));
      }),
    );
  });

  it('eq agrees with JSON structural equality', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (a) => {
        expect(jsonEqual(a, JSON.parse(JSON.stringify(a)))).toBe(true);
      }),
    );
  });
});

describe('jsonEqual', () => {
  it('distinguishes arrays from objects and extra keys', () => {
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(jsonEqual([1, 2], [1, 2, 3])).toBe(false);
  });
});

describe('matchAll', () => {
  const where: Condition[] = [
    { prop: 'city', op: 'eq', value: 'Pune' },
    { prop: 'price', op: 'gte', value: 100 },
  ];
  it('needs every condition', () => {
    expect(matchAll(where, props)).toBe(true);
    expect(matchAll([...where, { prop: 'premium', op: 'eq', value: false }], props)).toBe(false);
  });
  it('matches when there are no conditions', () => {
    expect(matchAll(undefined, props)).toBe(true);
    expect(matchAll([], {})).toBe(true);
  });
});
