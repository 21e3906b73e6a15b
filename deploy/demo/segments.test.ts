import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../actors/definition/index.ts';
import { TRIGGER_KINDS } from '../../actors/types.ts';
import { DEMO_SEGMENTS } from './segments.ts';

describe('DEMO_SEGMENTS', () => {
  it.each(DEMO_SEGMENTS.map((d) => [d.name, d] as const))('%s is a valid definition', (_name, def) => {
    const parsed = parseDefinition(def);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    if (parsed.ok) expect(parsed.value).toEqual(def);
  });

  it('covers every trigger kind, filters and reentry with cooldown', () => {
    const kinds = new Set(DEMO_SEGMENTS.map((d) => d.trigger.kind));
    expect([...kinds].sort()).toEqual([...TRIGGER_KINDS].sort());
    expect(DEMO_SEGMENTS.some((d) => d.filters?.past?.length && d.filters.profile?.length)).toBe(true);
    expect(DEMO_SEGMENTS.some((d) => d.reentry === 'every' && d.cooldown)).toBe(true);
    expect(new Set(DEMO_SEGMENTS.map((d) => d.name)).size).toBe(DEMO_SEGMENTS.length);
  });
});
