/**
 * Every trigger kind of the builder, one module each. The registry is a `{ [K in TriggerKind]: … }`
 * map, so a kind missing here is a compile error; the kind picker, the form, the preview and the
 * error summary all read it, so adding a kind needs no edit outside its module and this file.
 */
import type { Trigger, TriggerKind } from '../../../../actors/types.ts';
import { TRIGGER_KINDS } from '../../../../actors/types.ts';
import { action } from './action.ts';
import { datetime } from './datetime.ts';
import { inaction } from './inaction.ts';
import { pageCount } from './page-count.ts';
import { pageVisit } from './page-visit.ts';
import { referrer } from './referrer.ts';
import type { BuilderKind } from './types.ts';

export type { ActionDraft } from './action.ts';
export type { DatetimeDraft } from './datetime.ts';
export type { EventMatchDraft } from './event-match.ts';
export type { InactionDraft } from './inaction.ts';
export type { PageCountDraft } from './page-count.ts';
export type { PageVisitDraft } from './page-visit.ts';
export type { ReferrerDraft } from './referrer.ts';
export type { BuilderKind, TriggerOf } from './types.ts';

/** The builder's kinds, by trigger kind. */
export const BUILDER_KINDS = {
  action,
  inaction,
  datetime,
  page_visit: pageVisit,
  referrer,
  page_count: pageCount,
} satisfies { [K in TriggerKind]: BuilderKind<K> };

/** The forms of all kinds, kept side by side so switching kinds loses nothing. */
export type KindDrafts = { [K in TriggerKind]: ReturnType<(typeof BUILDER_KINDS)[K]['defaults']> };

/** The form of kind `K`. */
export type KindDraft<K extends TriggerKind> = KindDrafts[K];

/** The registry typed so that each kind's parts go with its own form. */
const TYPED: { [K in TriggerKind]: BuilderKind<K, KindDraft<K>> } = BUILDER_KINDS;

/** Any one kind's parts, with its own form. */
export type AnyBuilderKind = (typeof TYPED)[TriggerKind];

/** The kinds in display order (the order of TRIGGER_KINDS). */
export const KIND_LIST: readonly AnyBuilderKind[] = TRIGGER_KINDS.map((k) => TYPED[k]);

/** The builder's parts of one kind; index the drafts with the same kind to call them. */
export const builderKind = <K extends TriggerKind>(kind: K): BuilderKind<K, KindDraft<K>> => TYPED[kind];

const setDraft = <K extends TriggerKind>(drafts: KindDrafts, kind: K, draft: KindDraft<K>): void => {
  drafts[kind] = draft;
};

/** A fresh form for every kind, the kind of `trigger` (if any) filled from it. */
export function kindDrafts(trigger?: Trigger): KindDrafts {
  const drafts = {} as KindDrafts;
  for (const k of TRIGGER_KINDS) setDraft(drafts, k, builderKind(k).defaults());
  if (trigger) setDraft(drafts, trigger.kind, builderKind(trigger.kind).fromTrigger(trigger));
  return shareEvent(drafts, trigger?.kind);
}

/**
 * Makes the kinds that start from an event (a `did` part) share one, `from`'s if it has one, so
 * the event typed for one kind is there when switching to another. Returns `drafts`.
 */
export function shareEvent(drafts: KindDrafts, from?: TriggerKind): KindDrafts {
  const withEvent = Object.values(drafts).filter((d) => 'did' in d);
  const source = from === undefined ? undefined : drafts[from];
  const did = source && 'did' in source ? source.did : withEvent[0]?.did;
  if (did) for (const d of withEvent) d.did = did;
  return drafts;
}
