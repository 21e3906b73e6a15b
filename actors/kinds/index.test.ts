import { describe, expect, it } from 'vitest';
import { parseTrigger } from '../definition/trigger.ts';
import type { RegionEnv } from '../rules/types.ts';
import { TRIGGER_KINDS, type Problem, type Segment, type TriggerKind } from '../types.ts';
import { isProfileDriven, KINDS, kindOf, type TriggerOf } from './index.ts';

// One example per kind: a kind without one does not compile.
const EXAMPLES: { [K in TriggerKind]: TriggerOf<K> } = {
  action: { kind: 'action', event: 'Buy', where: [{ prop: 'price', op: 'gte', value: 50 }] },
  inaction: { kind: 'inaction', event: 'Cart', without: { event: 'Buy' }, within: '10m' },
  datetime: { kind: 'datetime', property: 'appointment_at', offset: '-5d', at: '09:30', timezone: 'Europe/Berlin' },
  page_visit: { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } },
  referrer: { kind: 'referrer', referrer: { op: 'regex', value: 'google\\.' } },
  page_count: { kind: 'page_count', count: 3, within: '1d', url: { op: 'starts_with', value: 'https://a.example/' }, distinct: true },
};

const segmentOf = (kind: TriggerKind): Segment => ({
  id: 's',
  name: kind,
  kind,
  createdAt: 0,
  definition: { name: kind, trigger: EXAMPLES[kind] },
});

describe('the kind registry', () => {
  it('holds exactly the kinds of TRIGGER_KINDS, in the same order', () => {
    expect(Object.keys(KINDS)).toEqual([...TRIGGER_KINDS]);
  });

  it.each(TRIGGER_KINDS)('%s: parses its example, describes it, publishes its schema and builds its region', (kind) => {
    const spec = kindOf(kind);
    expect(spec.kind).toBe(kind);
    const out: Problem[] = [];
    expect(parseTrigger(EXAMPLES[kind], 'trigger', out)).toEqual(EXAMPLES[kind]);
    expect(out).toEqual([]);
    expect(spec.describe(EXAMPLES[kind])).toMatch(/^(who|when) \S/);

    expect(spec.fields).toEqual(['kind', ...Object.keys(spec.schema.properties)]);
    for (const r of spec.schema.required) expect(spec.fields, r).toContain(r);
    for (const field of Object.keys(EXAMPLES[kind])) expect(spec.fields, field).toContain(field);

    const env: RegionEnv = { typeFor: (name) => `E:${name}`, uses: (type) => type };
    const region = spec.region(EXAMPLES[kind], segmentOf(kind), env);
    expect(Object.keys(region.states)).toContain(region.initial);
    const transitions = Object.values(region.states).flatMap((node) => Object.values(node.on ?? {}).flat());
    expect(transitions.length).toBeGreaterThan(0);
    for (const t of transitions) if (t.target !== undefined) expect(Object.keys(region.states)).toContain(t.target);
  });

  it('reports a field of another kind as unknown', () => {
    const out: Problem[] = [];
    parseTrigger({ ...EXAMPLES.action, within: '10m' }, 'trigger', out);
    expect(out).toEqual([{ path: 'trigger.within', message: 'unknown field' }]);
  });

  it('marks only datetime as driven by the profile', () => {
    expect(TRIGGER_KINDS.filter(isProfileDriven)).toEqual(['datetime']);
  });
});
