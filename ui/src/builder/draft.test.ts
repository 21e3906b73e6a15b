import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../actors/definition/index.ts';
import { DEMO_SEGMENTS } from '../../../deploy/demo/segments.ts';
import {
  coerceValue,
  type Draft,
  emptyDraft,
  fromDefinition,
  newCondition,
  newPast,
  parseDurationDraft,
  toDefinition,
  valueText,
} from './draft.ts';
import { pathLabel } from './labels.ts';
import { preview, suggestName } from './preview.ts';

const draft = (patch: Partial<Draft>): Draft => ({ ...emptyDraft(), name: 'x', ...patch });

describe('builder draft → definition', () => {
  it('builds a valid definition for each of the six kinds', () => {
    const cases: Array<[Partial<Draft>, unknown]> = [
      [
        { kind: 'action', event: ' Added To Cart ', where: [{ prop: 'price', op: 'gte', value: '100' }] },
        { kind: 'action', event: 'Added To Cart', where: [{ prop: 'price', op: 'gte', value: 100 }] },
      ],
      [
        { kind: 'inaction', event: 'Added To Cart', withoutEvent: 'Charged', within: { amount: '2', unit: 's' } },
        { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '2s' },
      ],
      [
        {
          kind: 'datetime',
          property: 'appointment_at',
          offset: { amount: '5', unit: 'd' },
          offsetDir: 'before',
          useAt: true,
          at: '09:30',
          timezone: 'Asia/Kolkata',
        },
        { kind: 'datetime', property: 'appointment_at', offset: '-5d', at: '09:30', timezone: 'Asia/Kolkata' },
      ],
      [
        { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } },
        { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } },
      ],
      [
        { kind: 'referrer', referrer: { op: 'regex', value: 'google\\.' } },
        { kind: 'referrer', referrer: { op: 'regex', value: 'google\\.' } },
      ],
      [
        {
          kind: 'page_count',
          count: '5',
          distinct: true,
          useCountWithin: true,
          countWithin: { amount: '10', unit: 'm' },
          useCountUrl: true,
          countUrl: { op: 'starts_with', value: 'https://shop.example.com/products/' },
        },
        {
          kind: 'page_count',
          count: 5,
          within: '10m',
          url: { op: 'starts_with', value: 'https://shop.example.com/products/' },
          distinct: true,
        },
      ],
    ];
    for (const [patch, trigger] of cases) {
      const def = toDefinition(draft(patch));
      expect(def.trigger).toEqual(trigger);
      expect(parseDefinition(def)).toMatchObject({ ok: true });
    }
  });

  it('adds filters only when the filter box is ticked, and re-entry with cooldown', () => {
    const d = draft({ kind: 'action', event: 'App Launched', reentry: 'every', useCooldown: true, cooldown: { amount: '5', unit: 'm' } });
    d.past.push({ ...newPast('did'), event: 'Added To Cart', countOp: 'gte', count: '3', inLast: { amount: '7', unit: 'd' } });
    d.past.push({ ...newPast('didNot'), event: 'Charged' });
    d.profile.push({ prop: 'city', op: 'eq', value: 'Pune' });
    expect(toDefinition(d).filters).toBeUndefined();
    d.useFilters = true;
    const def = toDefinition(d);
    expect(def.filters).toEqual({
      past: [
        { did: 'Added To Cart', inLast: '7d', count: { op: 'gte', value: 3 } },
        { didNot: 'Charged', inLast: '30d' },
      ],
      profile: [{ prop: 'city', op: 'eq', value: 'Pune' }],
    });
    expect(def).toMatchObject({ reentry: 'every', cooldown: '5m' });
    expect(parseDefinition(def)).toMatchObject({ ok: true });
  });

  it('leaves problems for the shared validator, at the paths of the fields', () => {
    const d = draft({ kind: 'inaction', name: '', event: 'A', withoutEvent: '', within: { amount: '0', unit: 'm' } });
    d.where.push(newCondition());
    const r = parseDefinition(toDefinition(d));
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'trigger.without.event', 'trigger.within', 'trigger.where[0].prop']));
  });

  it('round-trips definitions through the form (duplicating a segment)', () => {
    const extra = [
      { name: 'dt', trigger: { kind: 'datetime', property: 'appointment_at', offset: '2h', at: '09:00', timezone: 'UTC' } },
      { name: 'dt0', trigger: { kind: 'datetime', property: 'renewal', offset: '0s' } },
      {
        name: 'f',
        trigger: {
          kind: 'action',
          event: 'A',
          where: [
            { prop: 'plan', op: 'in', value: ['pro', 'team'] },
            { prop: 'code', op: 'eq', value: '007' },
          ],
        },
        filters: {
          past: [
            { did: 'B', count: { op: 'eq', value: 0 }, inLast: '1h' },
            { didNot: 'C', where: [{ prop: 'x', op: 'exists' }], inLast: '2d' },
          ],
        },
      },
    ];
    for (const def of [...DEMO_SEGMENTS, ...extra]) {
      const clean = parseDefinition(def);
      if (!clean.ok) throw new Error(JSON.stringify(clean.problems));
      expect(parseDefinition(toDefinition(fromDefinition(clean.value)))).toEqual(clean);
    }
  });

  it('reads typed values: numbers, booleans, quoted text and lists', () => {
    expect(coerceValue('eq', '100')).toBe(100);
    expect(coerceValue('eq', 'true')).toBe(true);
    expect(coerceValue('eq', '"100"')).toBe('100');
    expect(coerceValue('eq', 'Pune')).toBe('Pune');
    expect(coerceValue('in', 'Pune, Mumbai, 3')).toEqual(['Pune', 'Mumbai', 3]);
    expect(coerceValue('contains', '42')).toBe('42');
    expect(coerceValue('exists', 'x')).toBeUndefined();
    expect(valueText('100')).toBe('"100"');
    expect(valueText(['a', 1])).toBe('a, 1');
    expect(parseDurationDraft('-5d')).toEqual({ amount: '5', unit: 'd' });
  });
});

describe('live description and name', () => {
  it('describes a complete form with the shared describer', () => {
    const p = preview(draft({ kind: 'inaction', event: 'Added To Cart', withoutEvent: 'Charged', within: { amount: '10', unit: 'm' } }));
    expect(p.complete).toBe(true);
    expect(p.description).toBe('Users who did Added To Cart and did not do Charged within 10 minutes.');
  });

  it('describes an incomplete form with gaps instead of nonsense', () => {
    const p = preview(draft({ kind: 'inaction', event: 'Added To Cart', withoutEvent: '', within: { amount: '', unit: 'm' } }));
    expect(p.complete).toBe(false);
    expect(p.description).toBe('Users who did Added To Cart and did not do … within …');
    expect(preview(emptyDraft()).description).toBe('');
  });

  it('suggests brief names', () => {
    expect(
      suggestName(draft({ kind: 'inaction', event: 'Added To Cart', withoutEvent: 'Charged', within: { amount: '10', unit: 'm' } })),
    ).toBe('Added To Cart but no Charged within 10 minutes');
    expect(
      suggestName(draft({ kind: 'datetime', property: 'appointment_at', offset: { amount: '5', unit: 'd' }, offsetDir: 'before' })),
    ).toBe('5 days before appointment_at');
    expect(suggestName(draft({ kind: 'page_count', count: '5', distinct: true }))).toBe('Viewed 5 distinct pages');
    expect(suggestName(draft({ kind: 'action' }))).toBe('');
  });

  it('labels problem paths for the error summary', () => {
    expect(pathLabel('trigger.within')).toBe('Window');
    expect(pathLabel('trigger.where[1].value')).toBe('Event condition 2: value');
    expect(pathLabel('filters.past[0].where[2].prop')).toBe('Filter event condition 1.3: property');
    expect(pathLabel('filters.past[0].inLast')).toBe('Past behaviour filter 1: in the last');
    expect(pathLabel('something.else')).toBe('something.else');
  });
});
