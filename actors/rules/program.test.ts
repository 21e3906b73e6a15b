import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyProfile } from '../definition/index.ts';
import type { LiveEvent, Segment, SegmentDefinition } from '../types.ts';
import { compileProgram } from './program.ts';
import type { SegState, StepEvent } from './types.ts';

const seg = (id: string, definition: SegmentDefinition): Segment => ({
  id,
  name: definition.name,
  kind: definition.trigger.kind,
  createdAt: 0,
  definition,
});
const segments = [
  seg('act', {
    name: 'a',
    trigger: { kind: 'action', event: 'Buy', where: [{ prop: 'price', op: 'gte', value: 50 }] },
    reentry: 'every',
    cooldown: '5s',
  }),
  seg('cnt', { name: 'c', trigger: { kind: 'page_count', count: 3, within: '10s', distinct: true } }),
  seg('ina', { name: 'i', trigger: { kind: 'inaction', event: 'Cart', without: { event: 'Buy' }, within: '5s' }, reentry: 'every' }),
];

describe('the shortcuts of SegmentMachine.apply', () => {
  it('give exactly what XState gives, step by step', () => {
    const program = compileProgram(segments);
    const input = fc.array(
      fc.record({
        name: fc.constantFrom('Buy', 'Cart', '$page_view'),
        dt: fc.integer({ min: 0, max: 4000 }),
        price: fc.integer({ min: 0, max: 100 }),
        page: fc.integer({ min: 0, max: 4 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(input, (steps) => {
        const value: Record<string, string> = {};
        const s: Record<string, SegState> = {};
        let now = 0;
        steps.forEach((x, i) => {
          now += x.dt;
          const ev: LiveEvent = {
            id: `e${i}`,
            userId: 'u',
            name: x.name,
            ts: now,
            props: x.name === '$page_view' ? { url: `https://shop.example.com/p${x.page}` } : { price: x.price },
          };
          const types = x.name === 'Buy' || x.name === 'Cart' || x.name === '$page_view' ? [program.typeOf.get(x.name)!, 'TIMER_DUE'] : [];
          for (const type of types) {
            const event: StepEvent = { type, now, ev, profile: emptyProfile(), history: {} };
            for (const id of program.segmentsOf.get(type) ?? []) {
              const m = program.machines.get(id)!;
              const v = value[id] ?? m.initialState;
              const viaApply = m.apply(v, s[id], event, { context: { s }, event });
              const viaXState = m.exact(v, s[id], event);
              if (!viaApply) {
                // No transition enabled: XState must leave the state and context as they were.
                expect(viaXState).toEqual({ value: v, st: s[id] });
                continue;
              }
              expect(viaApply).toEqual(viaXState);
              value[id] = viaApply.value;
              if (viaApply.st) s[id] = viaApply.st;
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('compileProgram', () => {
  it('compiles each segment on its own: one that throws is left out and reported, the others are as if alone', () => {
    const broken = {
      ...seg('bad', segments[0].definition),
      definition: { name: 'b', trigger: { kind: 'teleport' } },
    } as unknown as Segment;
    const failed: string[] = [];
    const program = compileProgram([broken, ...segments], (s) => failed.push(s.id));
    const alone = compileProgram(segments);
    expect(failed).toEqual(['bad']);
    expect(program.segments.map((s) => s.id)).toEqual(alone.segments.map((s) => s.id));
    expect([...program.typeOf]).toEqual([...alone.typeOf]);
    expect([...program.segmentsOf]).toEqual([...alone.segmentsOf]);
    expect(() => compileProgram([broken])).not.toThrow();
  });
});
