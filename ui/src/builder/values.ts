/**
 * The small values of the builder's form (durations, conditions, URL matches) as people type
 * them, and their translation to and from definition JSON. Blanks become undefined so the shared
 * validator says "is required" at the field's path; reading JSON back turns them into blanks again.
 */
import { formatDuration, parseDuration } from '../../../actors/definition/index.ts';
import type { Condition, ConditionOp, UrlMatch, UrlMatchOp } from '../../../actors/types.ts';

/** Duration units the pickers offer. */
export type Unit = 's' | 'm' | 'h' | 'd';
/** The units with the words the pickers show. */
export const UNITS: ReadonlyArray<{ unit: Unit; label: string }> = [
  { unit: 's', label: 'seconds' },
  { unit: 'm', label: 'minutes' },
  { unit: 'h', label: 'hours' },
  { unit: 'd', label: 'days' },
];

/** An amount box and a unit picker. */
export interface DurationDraft {
  amount: string;
  unit: Unit;
}
/** A "where" row: property, operator, value as typed. */
export interface ConditionDraft {
  prop: string;
  op: ConditionOp;
  value: string;
}
/** How to match a URL and the text to match. */
export interface UrlMatchDraft {
  op: UrlMatchOp;
  value: string;
}

/** A new condition row. */
export const newCondition = (): ConditionDraft => ({ prop: '', op: 'eq', value: '' });

/** Trimmed text, or undefined when blank (so the validator says "is required"). */
export const text = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

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

/** A duration in words ("10 minutes"), or '' while the boxes do not hold a positive one. */
export function durationWords(d: DurationDraft): string {
  const ms = parseDuration(durationText(d) ?? '');
  return ms === undefined || ms <= 0 ? '' : formatDuration(ms);
}

/** A whole number as a number; other text is left for the validator to name; blank → undefined. */
export function countValue(s: string): unknown {
  const n = s.trim();
  return /^\d+$/.test(n) ? Number(n) : n === '' ? undefined : s;
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

/** Condition rows as definition JSON. */
export function conditionsJson(list: ConditionDraft[]): unknown[] {
  return list.map((c) => {
    const value = coerceValue(c.op, c.value);
    return value === undefined ? { prop: text(c.prop), op: c.op } : { prop: text(c.prop), op: c.op, value };
  });
}

/** `o` with a `where` list when there are rows (an empty list reads best left out). */
export const withWhere = <T extends object>(o: T, where: ConditionDraft[]): T =>
  where.length ? { ...o, where: conditionsJson(where) } : o;

/** Stored conditions as rows. */
export const conditionDrafts = (list: Condition[] | undefined): ConditionDraft[] =>
  (list ?? []).map((c) => ({ prop: c.prop ?? '', op: c.op, value: valueText(c.value) }));

/** A URL match as definition JSON. */
export const urlMatchJson = (m: UrlMatchDraft): Record<string, unknown> => ({ op: m.op, value: text(m.value) });

/** A stored URL match as a draft, or `fallback` (copied) when there is none. */
export const urlMatchDraft = (m: UrlMatch | undefined, fallback: UrlMatchDraft): UrlMatchDraft =>
  m ? { op: m.op, value: m.value ?? '' } : { ...fallback };
