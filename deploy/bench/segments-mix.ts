import type { Segment, SegmentDefinition } from '../../actors/types.ts';

/** Event names the benchmark segments mention, and names they never mention. */
export const RULE_EVENTS = Array.from({ length: 20 }, (_, i) => `Event ${i}`);
export const OTHER_EVENTS = Array.from({ length: 20 }, (_, i) => `Unrelated ${i}`);

/** `count` live segments of every kind (~1/6 each), a third with filters: a realistic mix. */
export function mixedSegments(count = 50, createdAt = 0): Segment[] {
  const defs: SegmentDefinition[] = [];
  for (let i = 0; defs.length < count; i++) {
    const ev = RULE_EVENTS[i % RULE_EVENTS.length];
    const other = RULE_EVENTS[(i + 7) % RULE_EVENTS.length];
    const filters = i % 3 === 0
      ? { past: [{ did: other, inLast: '7d' }], profile: [{ prop: 'city', op: 'eq' as const, value: 'Pune' }] }
      : undefined;
    const kinds: SegmentDefinition['trigger'][] = [
      { kind: 'action', event: ev, where: [{ prop: 'price', op: 'gte', value: 100 }] },
      { kind: 'inaction', event: ev, without: { event: other }, within: '10m' },
      { kind: 'datetime', property: 'appointment_at', offset: '-5d', at: '10:00' },
      { kind: 'page_visit', url: { op: 'contains', value: `/p${i}` } },
      { kind: 'referrer', referrer: { op: 'contains', value: 'google.' } },
      { kind: 'page_count', count: 5, within: '10m', distinct: true, url: { op: 'starts_with', value: 'https://shop.example.com/' } },
    ];
    defs.push({ name: `Segment ${i}`, trigger: kinds[i % kinds.length], ...(filters ? { filters } : {}), reentry: i % 2 ? 'every' : 'once' });
  }
  return defs.map((definition, i) => ({ id: `sg_${i}`, name: definition.name, kind: definition.trigger.kind, createdAt, definition }));
}
