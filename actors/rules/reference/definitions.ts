/**
 * fast-check generators for the parts of segment definitions every trigger kind shares: where
 * conditions, past and profile filters, re-entry, and the event and profile alphabets they talk about.
 */
import fc from 'fast-check';
import { parseDefinition, parseDuration } from '../../definition/index.ts';
import type { Condition, PastFilter, ProfileUpdate, Segment, SegmentDefinition, Trigger } from '../../types.ts';

/** The event names of the commerce alphabet. */
export const COMMERCE_NAMES = ['Added To Cart', 'Charged', 'App Launched'] as const;

/** Windows from one second to ten minutes, on whole seconds so they meet arrivals exactly. */
export const WINDOWS = ['1s', '2s', '5s', '30s', '1m', '10m'] as const;

/** Small where-clauses around the thresholds the event props straddle. */
export const whereArb: fc.Arbitrary<Condition[] | undefined> = fc.constantFrom<Array<Condition[] | undefined>>(
  undefined,
  [],
  [{ prop: 'price', op: 'gte', value: 100 }],
  [{ prop: 'price', op: 'lt', value: 100 }],
  [{ prop: 'product', op: 'eq', value: 'Shoe' }],
  [{ prop: 'cart.size', op: 'gt', value: 1 }],
  [
    { prop: 'price', op: 'gt', value: 99 },
    { prop: 'product', op: 'exists' },
  ],
);

/** Commerce events: prices at and around 100, optional product and nested cart. */
export const commerceEventArb = fc.record({
  name: fc.constantFrom(...COMMERCE_NAMES),
  props: fc.record(
    {
      price: fc.constantFrom(50, 99, 100, 101, 200),
      product: fc.constantFrom('Shoe', 'Hat'),
      cart: fc.record({ size: fc.constantFrom(1, 2, 3) }),
    },
    { requiredKeys: ['price'] },
  ) as fc.Arbitrary<Record<string, unknown>>,
});

/** Profile updates that change the props profile filters look at, and the timezone. */
export const profileArb: fc.Arbitrary<Omit<ProfileUpdate, 'userId'>> = fc.record(
  {
    timezone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'UTC'),
    props: fc.record(
      {
        city: fc.constantFrom('Pune', 'Berlin', null),
        plan: fc.constantFrom('pro', 'free', null),
        email: fc.constantFrom('a@example.com', '', null),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const countArb = fc.record({
  op: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte'),
  value: fc.integer({ min: 0, max: 4 }),
});

/** One past filter over `names`: did (with an optional count) or didNot, with an inLast window. */
export const pastFilterArb = (names: readonly string[], windows: readonly string[] = WINDOWS): fc.Arbitrary<PastFilter> =>
  fc
    .oneof(
      fc.record(
        { did: fc.constantFrom(...names), where: whereArb, count: countArb, inLast: fc.constantFrom(...windows) },
        { requiredKeys: ['did', 'inLast'] },
      ),
      fc.record(
        { didNot: fc.constantFrom(...names), where: whereArb, inLast: fc.constantFrom(...windows) },
        { requiredKeys: ['didNot', 'inLast'] },
      ),
    )
    .map((f) => JSON.parse(JSON.stringify(f)) as PastFilter);

/** Optional filters: up to two past filters and an optional profile condition. */
export const filtersArb = (names: readonly string[], windows?: readonly string[]): fc.Arbitrary<SegmentDefinition['filters']> =>
  fc.option(
    fc.record(
      {
        past: fc.array(pastFilterArb(names, windows), { maxLength: 2 }),
        profile: fc.constantFrom<Condition[]>(
          [{ prop: 'city', op: 'eq', value: 'Pune' }],
          [{ prop: 'plan', op: 'neq', value: 'free' }],
          [{ prop: 'email', op: 'exists' }],
        ),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined, freq: 2 },
  );

/** Re-entry: default, once, every, every with a cooldown. */
export const reentryArb: fc.Arbitrary<Pick<SegmentDefinition, 'reentry' | 'cooldown'>> = fc.constantFrom(
  {},
  { reentry: 'once' as const },
  { reentry: 'every' as const },
  { reentry: 'every' as const, cooldown: '1s' },
  { reentry: 'every' as const, cooldown: '30s' },
  { reentry: 'every' as const, cooldown: '5m' },
  { reentry: 'every' as const, cooldown: '1h' },
);

/** A whole definition around `trigger`, validated by the real schema so only legal ones are tested. */
export function definitionArb(
  trigger: fc.Arbitrary<Trigger>,
  names: readonly string[],
  windows?: readonly string[],
): fc.Arbitrary<SegmentDefinition> {
  return fc.tuple(trigger, filtersArb(names, windows), reentryArb).map(([t, filters, reentry]) => {
    const def: SegmentDefinition = { name: `random ${t.kind}`, trigger: t, ...reentry };
    if (filters !== undefined) def.filters = filters;
    const parsed = parseDefinition(JSON.parse(JSON.stringify(def)));
    if (!parsed.ok) throw new Error(`generator made an invalid definition: ${JSON.stringify(parsed.problems)}`);
    return parsed.value;
  });
}

/** The stored segment for a definition. */
export const segmentOf = (definition: SegmentDefinition, createdAt: number, id = 'sg_ref'): Segment => ({
  id,
  name: definition.name,
  kind: definition.trigger.kind,
  createdAt,
  definition,
});

/**
 * Per-user limits on events by name that keep a history inside the engine's documented memory:
 * a past filter keeps count + 9 timestamps (didNot: 9), inaction the last 8 `without`s.
 */
export function memoryLimits(def: SegmentDefinition): Map<string, number> {
  const limits = new Map<string, number>();
  const limit = (name: string, n: number) => limits.set(name, Math.min(n, limits.get(name) ?? Infinity));
  for (const f of def.filters?.past ?? []) {
    if ('did' in f) limit(f.did, (f.count?.value ?? 1) + 8);
    else limit(f.didNot, 8);
  }
  if (def.trigger.kind === 'inaction') limit(def.trigger.without.event, 8);
  return limits;
}

/** The definition's durations (windows, inLast, cooldown): where the interesting edges lie. */
export function durationsOf(def: SegmentDefinition): number[] {
  const t = def.trigger;
  const all = [
    t.kind === 'inaction' ? t.within : undefined,
    t.kind === 'page_count' ? t.within : undefined,
    def.cooldown,
    ...(def.filters?.past ?? []).map((f) => f.inLast),
  ];
  return all.flatMap((d) => (d === undefined ? [] : [parseDuration(d)!]));
}
