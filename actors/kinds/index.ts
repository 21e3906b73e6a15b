/**
 * The trigger kinds, one module each, gathered in one registry: a kind missing here fails to
 * compile. Adding a kind: its module in this folder, its member of the `Trigger` union and of
 * TRIGGER_KINDS (actors/types.ts), a scenario in the reference model, tests.
 */
import type { TriggerKind } from '../types.ts';
import { action } from './action.ts';
import { datetime } from './datetime.ts';
import { inaction } from './inaction.ts';
import { pageCount } from './page-count.ts';
import { pageVisit } from './page-visit.ts';
import { referrer } from './referrer.ts';
import type { KindSpec } from './types.ts';

/** Every trigger kind's parts, by kind. */
export const KINDS = {
  action,
  inaction,
  datetime,
  page_visit: pageVisit,
  referrer,
  page_count: pageCount,
} satisfies { [K in TriggerKind]: KindSpec<K> };

// Typed as a mapped type so that indexing with a generic kind gives that kind's spec.
const REGISTRY: { [K in TriggerKind]: KindSpec<K> } = KINDS;

/** The parts of `kind`, typed for that kind (KINDS[kind] with a kind only known at run time). */
export const kindOf = <K extends TriggerKind>(kind: K): KindSpec<K> => REGISTRY[kind];

/** Whether segments of `kind` are evaluated from the profile (on profile changes and at creation) rather than from events. */
export const isProfileDriven = (kind: TriggerKind): boolean => REGISTRY[kind].profileDriven;

export { action } from './action.ts';
export { datetime } from './datetime.ts';
export { inaction, RECENT_WITHOUT } from './inaction.ts';
export { countView, pageCount } from './page-count.ts';
export { pageVisit } from './page-visit.ts';
export { referrer } from './referrer.ts';
export { closedObject, DURATION_SCHEMA, EVENT_MATCH_SCHEMA, schemaRef } from './schema.ts';
export type { JsonSchema, KindSpec, TriggerOf, TriggerSchema } from './types.ts';
