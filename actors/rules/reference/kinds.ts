/**
 * The scenario generator of each trigger kind: its definitions, its alphabet of events and
 * profile updates, and the timeline grid it lives on.
 */
import fc from 'fast-check';
import type { PageCountTrigger, Trigger, TriggerKind } from '../../types.ts';
import { COMMERCE_NAMES, commerceEventArb, definitionArb, profileArb, whereArb, WINDOWS } from './definitions.ts';
import { DATETIME_GAPS, DATETIME_JITTERS, DATETIME_WINDOWS, datetimeProfileArb, datetimeTriggerArb, DST_CHANGES } from './datetimes.ts';
import type { HistoryShape } from './history.ts';
import { PAGE_NAMES, pageHistoryEventArb, pageMatchArb, referrerMatchArb } from './pages.ts';
import { scenarioArb, type Scenario } from './scenario.ts';
import { GAPS, JITTERS, START } from './timeline.ts';

const commerce: HistoryShape = { events: commerceEventArb, profiles: profileArb, gaps: GAPS, jitters: JITTERS, maxSteps: 25 };
const pages: HistoryShape = { ...commerce, events: pageHistoryEventArb };

const actionTrigger: fc.Arbitrary<Trigger> = fc.record({
  kind: fc.constant('action' as const),
  event: fc.constantFrom(...COMMERCE_NAMES),
  where: whereArb,
});

/** Inaction triggers over two event names (`sameName`: one name for both, where-clauses may overlap). */
export const inactionTriggerArb = (sameName: boolean): fc.Arbitrary<Trigger> => {
  const pairs = COMMERCE_NAMES.flatMap((a) => COMMERCE_NAMES.filter((b) => (a === b) === sameName).map((b) => [a, b] as const));
  return fc
    .record({
      pair: fc.constantFrom(...pairs),
      where: whereArb,
      withoutWhere: whereArb,
      within: fc.constantFrom(...WINDOWS),
    })
    .map(({ pair: [event, without], where, withoutWhere, within }) => ({
      kind: 'inaction' as const,
      event,
      where,
      without: { event: without, where: withoutWhere },
      within,
    }));
};

const pageCountTrigger = fc.record(
  {
    kind: fc.constant('page_count' as const),
    count: fc.integer({ min: 1, max: 4 }),
    within: fc.constantFrom(...WINDOWS),
    url: pageMatchArb,
    distinct: fc.boolean(),
  },
  { requiredKeys: ['kind', 'count'] },
) as fc.Arbitrary<PageCountTrigger>;

/** Datetime scenarios around one of the DST changes, half of them with the segment created late. */
const datetimeScenarios: fc.Arbitrary<Scenario> = fc.constantFrom(...DST_CHANGES).chain((change) =>
  scenarioArb(
    definitionArb(datetimeTriggerArb, COMMERCE_NAMES, DATETIME_WINDOWS),
    {
      events: commerceEventArb,
      profiles: datetimeProfileArb(change),
      profileWeight: 4,
      gaps: DATETIME_GAPS,
      jitters: DATETIME_JITTERS,
      maxSteps: 20,
    },
    { start: change - 36 * 3_600_000, names: COMMERCE_NAMES, createLate: true },
  ),
);

/** Inaction scenarios whose `event` and `without` share one name (where-clauses may overlap). */
export const SAME_NAME_INACTION: fc.Arbitrary<Scenario> = scenarioArb(definitionArb(inactionTriggerArb(true), COMMERCE_NAMES), commerce, {
  start: START,
  names: COMMERCE_NAMES,
});

/** Random scenarios per trigger kind, within the engine's documented memory bounds. */
export const SCENARIOS: Record<TriggerKind, fc.Arbitrary<Scenario>> = {
  action: scenarioArb(definitionArb(actionTrigger, COMMERCE_NAMES), commerce, { start: START, names: COMMERCE_NAMES }),
  inaction: scenarioArb(definitionArb(inactionTriggerArb(false), COMMERCE_NAMES), commerce, { start: START, names: COMMERCE_NAMES }),
  datetime: datetimeScenarios,
  page_visit: scenarioArb(
    definitionArb(
      pageMatchArb.map((url) => ({ kind: 'page_visit' as const, url })),
      COMMERCE_NAMES,
    ),
    pages,
    { start: START, names: PAGE_NAMES },
  ),
  referrer: scenarioArb(
    definitionArb(
      referrerMatchArb.map((referrer) => ({ kind: 'referrer' as const, referrer })),
      COMMERCE_NAMES,
    ),
    pages,
    { start: START, names: PAGE_NAMES },
  ),
  // page_count's memory bound needs each user's page views in non-decreasing ts.
  page_count: scenarioArb(definitionArb(pageCountTrigger, COMMERCE_NAMES), pages, {
    start: START,
    names: PAGE_NAMES,
    monotonePageViews: true,
  }),
};
