/**
 * The builder's form model: what people type (strings, unit pickers, toggles), kept per kind so
 * switching kinds loses nothing, and its translation into a definition for the shared validator.
 * Each form field maps to exactly one definition path, so validation problems land on the field.
 */
import type {
  Condition,
  ConditionOp,
  CountCondition,
  SegmentDefinition,
  TriggerKind,
  UrlMatch,
  UrlMatchOp,
} from '../../../actors/types.ts';

/** Duration units the pickers offer. */
export type Unit = 's' | 'm' | 'h' | 'd';
export const UNITS: ReadonlyArray<{ unit: Unit; label: string }> = [
  { unit: 's', label: 'seconds' },
  { unit: 'm', label: 'minutes' },
  { unit: 'h', label: 'hours' },
  { unit: 'd', label: 'days' },
];

export interface DurationDraft {
  amount: string;
  unit: Unit;
}
export interface ConditionDraft {
  prop: string;
  op: ConditionOp;
  value: string;
}
export interface UrlMatchDraft {
  op: UrlMatchOp;
  value: string;
}
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
  kind: TriggerKind | undefined;
  // action and inaction
  event: string;
  where: ConditionDraft[];
  // inaction
  withoutEvent: string;
  withoutWhere: ConditionDraft[];
  within: DurationDraft;
  // datetime
  property: string;
  offset: DurationDraft;
  offsetDir: 'before' | 'after' | 'at';
  useAt: boolean;
  at: string;
  timezone: string;
  // page_visit, referrer
  url: UrlMatchDraft;
  referrer: UrlMatchDraft;
  // page_count
  count: string;
  distinct: boolean;
  useCountUrl: boolean;
  countUrl: UrlMatchDraft;
  useCountWithin: boolean;
  countWithin: DurationDraft;
  // filters
  useFilters: boolean;
  past: PastDraft[];
  profile: ConditionDraft[];
  // re-entry
  reentry: 'once' | 'every';
  useCooldown: boolean;
  cooldown: DurationDraft;
}

/** A fresh form with sensible defaults (a 10-minute window, as in the classic cart example). */
export function emptyDraft(): Draft {
  return {
    name: '',
    kind: undefined,
    event: '',
    where: [],
    withoutEvent: '',
    withoutWhere: [],
    within: { amount: '10', unit: 'm' },
    property: '',
    offset: { amount: '5', unit: 'd' },
    offsetDir: 'before',
    useAt: false,
    at: '10:00',
    timezone: '',
    url: { op: 'contains', value: '' },
    referrer: { op: 'contains', value: '' },
    count: '5',
    distinct: false,
    useCountUrl: false,
    countUrl: { op: 'starts_with', value: '' },
    useCountWithin: false,
    countWithin: { amount: '10', unit: 'm' },
    useFilters: false,
    past: [],
    profile: [],
    reentry: 'once',
    useCooldown: false,
    cooldown: { amount: '1', unit: 'h' },
  };
}

/** A new condition row. */
export const newCondition = (): ConditionDraft => ({ prop: '', op: 'eq', value: '' });

/** A new past-behaviour row. */
export const newPast = (type: PastDraft['type']): PastDraft => ({
  type,
  event: '',
  countOp: 'gte',
  count: '1',
  inLast: { amount: '30', unit: 'd' },
  where: [],
});

/** "10" + "m" → "10m"; blank → undefined (the validator then says "is required"). */
export function durationText(d: DurationDraft): string | undefined {
  const amount = d.amount.trim();
  return amount === '' ? undefined : `${amount}${d.unit}`;
}

/** Splits "10m" back into amount and unit; anything else becomes a blank amount. */
export function parseDurationDraft(s: string | undefined, fallback: Unit = 'm'): DurationDraft {
  const m = /^-?(\d+)([smhd])$/.exec(s ?? '');
  return m ? { amount: m[1]!, unit: m[2] as Unit } : { amount: '', unit: fallback };
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Reads a typed value: numbers become numbers and true/false booleans (so `price gte 100`
 * compares numerically); wrap text in double quotes to keep it a string. With `in`, a
 * comma-separated list. Text-only ops keep the text as typed.
 */
export function coerceValue(op: ConditionOp, raw: string): unknown {
  if (op === 'exists' || op === 'not_exists') return undefined;
  if (op === 'in') {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return items.map((s) => scalar(s));
  }
  if (op === 'contains' || op === 'starts_with') return unquote(raw);
  return raw === '' ? undefined : scalar(raw.trim());
}

function scalar(s: string): unknown {
  if (/^".*"$/.test(s)) return s.slice(1, -1);
  if (NUMBER.test(s)) return Number(s);
  if (s === 'true' || s === 'false') return s === 'true';
  return s;
}

const unquote = (s: string): string => (/^".*"$/.test(s.trim()) ? s.trim().slice(1, -1) : s);

/** The inverse of coerceValue for showing a stored value in a text box. */
export function valueText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  if (typeof v === 'string') return NUMBER.test(v.trim()) || v === 'true' || v === 'false' ? `"${v}"` : v;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function conditions(list: ConditionDraft[]): unknown[] {
  return list.map((c) => {
    const value = coerceValue(c.op, c.value);
    return value === undefined ? { prop: text(c.prop), op: c.op } : { prop: text(c.prop), op: c.op, value };
  });
}

/** Trimmed text, or undefined when blank (so the validator says "is required"). */
const text = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

const withWhere = <T extends object>(o: T, where: ConditionDraft[]): T => (where.length ? { ...o, where: conditions(where) } : o);

/** The trigger as JSON (unvalidated); undefined until a kind is chosen. */
function trigger(d: Draft): unknown {
  switch (d.kind) {
    case undefined:
      return undefined;
    case 'action':
      return withWhere({ kind: d.kind, event: text(d.event) }, d.where);
    case 'inaction':
      return {
        ...withWhere({ kind: d.kind, event: text(d.event) }, d.where),
        without: withWhere({ event: text(d.withoutEvent) }, d.withoutWhere),
        within: durationText(d.within),
      };
    case 'datetime': {
      const amount = durationText(d.offset);
      const offset = d.offsetDir === 'at' ? '0s' : d.offsetDir === 'before' && amount ? `-${amount}` : amount;
      const t: Record<string, unknown> = { kind: d.kind, property: text(d.property), offset };
      if (d.useAt) t.at = d.at;
      if (d.timezone.trim()) t.timezone = d.timezone.trim();
      return t;
    }
    case 'page_visit':
      return { kind: d.kind, url: { op: d.url.op, value: text(d.url.value) } };
    case 'referrer':
      return { kind: d.kind, referrer: { op: d.referrer.op, value: text(d.referrer.value) } };
    case 'page_count': {
      const count = /^\d+$/.test(d.count.trim()) ? Number(d.count.trim()) : d.count.trim() === '' ? undefined : d.count;
      const t: Record<string, unknown> = { kind: d.kind, count };
      if (d.useCountWithin) t.within = durationText(d.countWithin);
      if (d.useCountUrl) t.url = { op: d.countUrl.op, value: text(d.countUrl.value) };
      if (d.distinct) t.distinct = true;
      return t;
    }
  }
}

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
  const def: Record<string, unknown> = { name: text(d.name), trigger: trigger(d) };
  if (d.useFilters && (d.past.length > 0 || d.profile.length > 0)) {
    const filters: Record<string, unknown> = {};
    if (d.past.length) filters.past = d.past.map(pastFilter);
    if (d.profile.length) filters.profile = conditions(d.profile);
    def.filters = filters;
  }
  if (d.reentry === 'every') {
    def.reentry = 'every';
    if (d.useCooldown) def.cooldown = durationText(d.cooldown);
  }
  return def;
}

const conditionDrafts = (list: Condition[] | undefined): ConditionDraft[] =>
  (list ?? []).map((c) => ({ prop: c.prop, op: c.op, value: valueText(c.value) }));

const urlDraft = (m: UrlMatch | undefined, fallback: UrlMatchDraft): UrlMatchDraft => (m ? { op: m.op, value: m.value } : { ...fallback });

/** The form for an existing definition (to duplicate a segment); the inverse of toDefinition. */
export function fromDefinition(def: SegmentDefinition): Draft {
  const d = emptyDraft();
  d.name = def.name;
  const t = def.trigger;
  d.kind = t.kind;
  switch (t.kind) {
    case 'action':
      d.event = t.event;
      d.where = conditionDrafts(t.where);
      break;
    case 'inaction':
      d.event = t.event;
      d.where = conditionDrafts(t.where);
      d.withoutEvent = t.without.event;
      d.withoutWhere = conditionDrafts(t.without.where);
      d.within = parseDurationDraft(t.within);
      break;
    case 'datetime':
      d.property = t.property;
      d.offsetDir = t.offset.startsWith('-') ? 'before' : /^0+[smhd]$/.test(t.offset) ? 'at' : 'after';
      if (d.offsetDir !== 'at') d.offset = parseDurationDraft(t.offset, 'd');
      d.useAt = t.at !== undefined;
      if (t.at) d.at = t.at;
      d.timezone = t.timezone ?? '';
      break;
    case 'page_visit':
      d.url = urlDraft(t.url, d.url);
      break;
    case 'referrer':
      d.referrer = urlDraft(t.referrer, d.referrer);
      break;
    case 'page_count':
      d.count = String(t.count);
      d.distinct = t.distinct === true;
      d.useCountUrl = t.url !== undefined;
      d.countUrl = urlDraft(t.url, d.countUrl);
      d.useCountWithin = t.within !== undefined;
      if (t.within) d.countWithin = parseDurationDraft(t.within);
      break;
  }
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
