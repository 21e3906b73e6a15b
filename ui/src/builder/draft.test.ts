import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../actors/definition/index.ts';
import { DEMO_SEGMENTS } from '../../../deploy/demo/segments.ts';
import type { TriggerKind } from '../../../actors/types.ts';
import { type Draft, emptyDraft, fromDefinition, newPast, toDefinition } from './draft.ts';
import { type KindDraft, shareEvent } from './kinds/index.ts';
import { pathLabel } from './labels.ts';
import { preview, suggestName } from './preview.ts';
import { newCondition } from './values.ts';

/** A form named "x" of one kind, its own fields patched. */
const draft = <K extends TriggerKind>(kind: K, patch: Partial<KindDraft<K>> = {}, rest: Partial<Draft> = {}): Draft => {
  const d: Draft = { ...emptyDraft(), name: 'x', kind, ...rest };
  Object.assign(d.triggers[kind], patch);
  shareEvent(d.triggers, kind);
  return d;
};
const did = (event: string, where: Draft['profile'] = []) => ({ did: { event, where } });

describe('builder draft → definition', () => {
  it('builds a valid definition for each of the six kinds', () => {
    const cases: Array<[Draft, unknown]> = [
      [
        draft('action', did(' Added To Cart ', [{ prop: 'price', op: 'gte', value: '100' }])),
        { kind: 'action', event: 'Added To Cart', where: [{ prop: 'price', op: 'gte', value: 100 }] },
      ],
      [
        draft('inaction', { ...did('Added To Cart'), without: { event: 'Charged', where: [] }, within: { amount: '2', unit: 's' } }),
        { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '2s' },
      ],
      [
        draft('datetime', {
          property: 'appointment_at',
          offset: { amount: '5', unit: 'd' },
          offsetDir: 'before',
          useAt: true,
          at: '09:30',
          timezone: 'Asia/Kolkata',
        }),
        { kind: 'datetime', property: 'appointment_at', offset: '-5d', at: '09:30', timezone: 'Asia/Kolkata' },
      ],
      [
        draft('page_visit', { url: { op: 'contains', value: '/pricing' } }),
        { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } },
      ],
      [
        draft('referrer', { referrer: { op: 'regex', value: 'google\\.' } }),
        { kind: 'referrer', referrer: { op: 'regex', value: 'google\\.' } },
      ],
      [
        draft('page_count', {
          count: '5',
          distinct: true,
          useWithin: true,
          within: { amount: '10', unit: 'm' },
          useUrl: true,
          url: { op: 'starts_with', value: 'https://shop.example.com/products/' },
        }),
        {
          kind: 'page_count',
          count: 5,
          within: '10m',
          url: { op: 'starts_with', value: 'https://shop.example.com/products/' },
          distinct: true,
        },
      ],
    ];
    for (const [d, trigger] of cases) {
      const def = toDefinition(d);
      expect(def.trigger).toEqual(trigger);
      expect(parseDefinition(def)).toMatchObject({ ok: true });
    }
  });

  it('adds filters only when the filter box is ticked, and re-entry with cooldown', () => {
    const d = draft('action', did('App Launched'), { reentry: 'every', useCooldown: true, cooldown: { amount: '5', unit: 'm' } });
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
    const d = draft('inaction', { ...did('A'), within: { amount: '0', unit: 'm' } }, { name: '' });
    d.triggers.inaction.did.where.push(newCondition());
    const r = parseDefinition(toDefinition(d));
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'trigger.without.event', 'trigger.within', 'trigger.where[0].prop']));
  });

  it('keeps each kind’s form when switching kinds, and the event between the kinds that start from one', () => {
    const d = draft('action', did('Added To Cart'));
    d.kind = 'page_visit';
    d.triggers.page_visit.url.value = '/pricing';
    d.kind = 'inaction';
    expect(toDefinition(d).trigger).toMatchObject({ kind: 'inaction', event: 'Added To Cart', within: '10m' });
    d.triggers.inaction.did.event = 'Viewed Product';
    d.kind = 'action';
    expect(toDefinition(d).trigger).toEqual({ kind: 'action', event: 'Viewed Product' });
    d.kind = 'page_visit';
    expect(toDefinition(d).trigger).toEqual({ kind: 'page_visit', url: { op: 'contains', value: '/pricing' } });
    const copy = fromDefinition({ name: 'c', trigger: { kind: 'inaction', event: 'A', without: { event: 'B' }, within: '5m' } });
    expect(copy.triggers.action.did.event).toBe('A');
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
});

describe('live description and name', () => {
  it('describes a complete form with the shared describer', () => {
    const p = preview(draft('inaction', { ...did('Added To Cart'), without: { event: 'Charged', where: [] } }));
    expect(p.complete).toBe(true);
    expect(p.description).toBe('Users who did Added To Cart and did not do Charged within 10 minutes.');
  });

  it('describes an incomplete form with gaps instead of nonsense', () => {
    const p = preview(draft('inaction', { ...did('Added To Cart'), within: { amount: '', unit: 'm' } }));
    expect(p.complete).toBe(false);
    expect(p.description).toBe('Users who did Added To Cart and did not do … within …');
    expect(preview(emptyDraft()).description).toBe('');
  });

  it('suggests brief names', () => {
    expect(suggestName(draft('inaction', { ...did('Added To Cart'), without: { event: 'Charged', where: [] } }))).toBe(
      'Added To Cart but no Charged within 10 minutes',
    );
    expect(suggestName(draft('datetime', { property: 'appointment_at', offset: { amount: '5', unit: 'd' }, offsetDir: 'before' }))).toBe(
      '5 days before appointment_at',
    );
    expect(suggestName(draft('page_count', { count: '5', distinct: true }))).toBe('Viewed 5 distinct pages');
    expect(suggestName(draft('action'))).toBe('');
    expect(suggestName(emptyDraft())).toBe('');
  });

  it('labels problem paths for the error summary', () => {
    expect(pathLabel('trigger.within')).toBe('Window');
    expect(pathLabel('trigger.where[1].value')).toBe('Event condition 2: value');
    expect(pathLabel('filters.past[0].where[2].prop')).toBe('Filter event condition 1.3: property');
    expect(pathLabel('filters.past[0].inLast')).toBe('Past behaviour filter 1: in the last');
    expect(pathLabel('something.else')).toBe('something.else');
    expect(pathLabel('trigger.without.where[0].op', 'inaction')).toBe('Missing event condition 1: operator');
    expect(pathLabel('trigger.url.op', 'page_count')).toBe('Page URL match type');
    expect(pathLabel('filters.profile[3]')).toBe('Profile filter 4');
  });
});
