import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../../actors/definition/index.ts';
import { TRIGGER_KINDS, type TriggerKind } from '../../../../actors/types.ts';
import { BUILDER_KINDS, builderKind, KIND_LIST, kindDrafts, type TriggerOf } from './index.ts';

describe('builder kinds registry', () => {
  it('has one kind per trigger kind, in TRIGGER_KINDS order', () => {
    expect(Object.keys(BUILDER_KINDS).sort()).toEqual([...TRIGGER_KINDS].sort());
    expect(KIND_LIST.map((k) => k.kind)).toEqual([...TRIGGER_KINDS]);
    for (const [key, k] of Object.entries(BUILDER_KINDS)) expect(k.kind).toBe(key);
  });

  it.each([...TRIGGER_KINDS])('%s: its defaults read back from their own trigger', (kind: TriggerKind) => {
    const k = builderKind(kind);
    const defaults = k.defaults();
    const trigger = k.toTrigger(defaults);
    expect(trigger.kind).toBe(kind);
    // Blanks are left undefined for the validator; reading them back yields the blank form again.
    expect(k.fromTrigger(trigger as unknown as TriggerOf<typeof kind>)).toEqual(defaults);
  });

  it.each([...TRIGGER_KINDS])('%s: is presented with a label, blurb, example, icon and colour', (kind: TriggerKind) => {
    const k = builderKind(kind);
    expect(k.label && k.blurb && k.example).toBeTruthy();
    expect(k.icon).toBeTruthy();
    expect(k.color.strong).toMatch(/^#[0-9a-f]{6}$/);
    expect(Object.keys(k.paths).every((p) => p.startsWith('trigger.'))).toBe(true);
  });

  it('turns a stored trigger into a form and back into the same trigger', () => {
    const triggers: unknown[] = [
      { kind: 'action', event: 'A', where: [{ prop: 'price', op: 'gte', value: 100 }] },
      { kind: 'inaction', event: 'A', without: { event: 'B', where: [{ prop: 'x', op: 'exists' }] }, within: '10m' },
      { kind: 'datetime', property: 'renewal', offset: '0s', at: '09:00', timezone: 'UTC' },
      { kind: 'page_visit', url: { op: 'regex', value: '^/p/' } },
      { kind: 'referrer', referrer: { op: 'contains', value: 'google.' } },
      { kind: 'page_count', count: 3, within: '1h', url: { op: 'starts_with', value: '/a' }, distinct: true },
    ];
    for (const raw of triggers) {
      const parsed = parseDefinition({ name: 'n', trigger: raw });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const t = parsed.value.trigger;
      expect(builderKind(t.kind).toTrigger(kindDrafts(t)[t.kind])).toEqual(t);
    }
  });
});
