/**
 * The builder's form model: what people type (strings, unit pickers, toggles), with a form per
 * trigger kind kept side by side so switching kinds loses nothing, and its translation into a
 * definition for the shared validator. Each form field maps to exactly one definition path, so
 * validation problems land on the field.
 */
import type { CountCondition, SegmentDefinition, TriggerKind } from '../../../actors/types.ts';
import { builderKind, kindDrafts, type KindDrafts } from './kinds/index.ts';
import {
  type ConditionDraft,
  conditionDrafts,
  conditionsJson,
  type DurationDraft,
  durationText,
  parseDurationDraft,
  text,
  withWhere,
} from './values.ts';

/** A past-behaviour filter row: did (so many times) or did not do an event in the last while. */
export interface PastDraft {
  type: 'did' | 'didNot';
  event: string;
  countOp: CountCondition['op'];
  count: string;
  inLast: DurationDraft;
  where: ConditionDraft[];
}

/** Everything the form holds. */
export interface Draft {
  name: string;
  /** The chosen kind; its form is `triggers[kind]`. */
  kind: TriggerKind | undefined;
  /** The form of every kind. */
  triggers: KindDrafts;
  useFilters: boolean;
  past: PastDraft[];
  profile: ConditionDraft[];
  reentry: 'once' | 'every';
  useCooldown: boolean;
  cooldown: DurationDraft;
}

/** A fresh form with each kind's defaults. */
export function emptyDraft(): Draft {
  return {
    name: '',
    kind: undefined,
    triggers: kindDrafts(),
    useFilters: false,
    past: [],
    profile: [],
    reentry: 'once',
    useCooldown: false,
    cooldown: { amount: '1', unit: 'h' },
  };
}

/** A new past-behaviour row. */
export const newPast = (type: PastDraft['type']): PastDraft => ({
  type,
  event: '',
  countOp: 'gte',
  count: '1',
  inLast: { amount: '30', unit: 'd' },
  where: [],
});

function pastFilter(p: PastDraft): unknown {
  const inLast = durationText(p.inLast);
  if (p.type === 'didNot') return withWhere({ didNot: text(p.event), inLast }, p.where);
  const f: Record<string, unknown> = withWhere({ did: text(p.event), inLast }, p.where);
  const n = p.count.trim();
  // "at least once" is the default and reads best left out.
  if (!(p.countOp === 'gte' && n === '1')) f.count = { op: p.countOp, value: /^\d+$/.test(n) ? Number(n) : n === '' ? undefined : n };
  return f;
}

/** The definition the form describes, as JSON for `parseDefinition` and `POST /v1/segments`. */
export function toDefinition(d: Draft): Record<string, unknown> {
  const trigger = d.kind === undefined ? undefined : builderKind(d.kind).toTrigger(d.triggers[d.kind]);
  const def: Record<string, unknown> = { name: text(d.name), trigger };
  if (d.useFilters && (d.past.length > 0 || d.profile.length > 0)) {
    const filters: Record<string, unknown> = {};
    if (d.past.length) filters.past = d.past.map(pastFilter);
    if (d.profile.length) filters.profile = conditionsJson(d.profile);
    def.filters = filters;
  }
  if (d.reentry === 'every') {
    def.reentry = 'every';
    if (d.useCooldown) def.cooldown = durationText(d.cooldown);
  }
  return def;
}

/** The form for an existing definition (to duplicate a segment); the inverse of toDefinition. */
export function fromDefinition(def: SegmentDefinition): Draft {
  const d = emptyDraft();
  d.name = def.name;
  d.kind = def.trigger.kind;
  d.triggers = kindDrafts(def.trigger);
  const past = def.filters?.past ?? [];
  const profile = def.filters?.profile ?? [];
  d.useFilters = past.length > 0 || profile.length > 0;
  d.past = past.map((f) => ({
    type: 'didNot' in f ? 'didNot' : 'did',
    event: 'didNot' in f ? f.didNot : f.did,
    countOp: 'did' in f ? (f.count?.op ?? 'gte') : 'gte',
    count: String('did' in f ? (f.count?.value ?? 1) : 1),
    inLast: parseDurationDraft(f.inLast, 'd'),
    where: conditionDrafts(f.where),
  }));
  d.profile = conditionDrafts(profile);
  d.reentry = def.reentry ?? 'once';
  d.useCooldown = def.cooldown !== undefined;
  if (def.cooldown) d.cooldown = parseDurationDraft(def.cooldown, 'h');
  return d;
}
