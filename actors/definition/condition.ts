/** Evaluates `{ prop, op, value }` conditions against event or profile props (the hot path). */
import type { Condition } from '../types.ts';
import { getPath } from './path.ts';

/**
 * Structural equality for JSON values. Primitives compare with `===`, so the number 3 and the
 * string "3" are different: producers are expected to send consistent types, and silently
 * coercing would make `eq` disagree with `gt`/`lt`.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aArr = Array.isArray(a);
  if (aArr !== Array.isArray(b)) return false;
  if (aArr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!jsonEqual(x[i], y[i])) return false;
    return true;
  }
  // for..in instead of Object.keys: no array allocated per comparison.
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (!Object.hasOwn(x, k)) continue;
    if (!Object.hasOwn(y, k) || !jsonEqual(x[k], y[k])) return false;
    n++;
  }
  for (const k in y) if (Object.hasOwn(y, k)) n--;
  return n === 0;
}

/** Orders two values only when both are numbers or both are strings; otherwise undefined. */
function compare(a: unknown, b: unknown): number | undefined {
  // Strings compare by UTF-16 code units, which is what makes ISO-8601 dates sort correctly.
  if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return undefined;
}

function includes(list: unknown[], v: unknown): boolean {
  for (let i = 0; i < list.length; i++) if (jsonEqual(list[i], v)) return true;
  return false;
}

/**
 * True when `props` satisfies `c`. eq/neq are strict (no number/string coercion); neq is the
 * exact negation of eq, so a missing prop is "not equal". Ordering ops need both sides to be
 * numbers or both strings, else false.
 */
export function matchCondition(c: Condition, props: Record<string, unknown>): boolean {
  const v = getPath(props, c.prop);
  const want = c.value;
  switch (c.op) {
    case 'eq':
      return jsonEqual(v, want);
    case 'neq':
      return !jsonEqual(v, want);
    case 'gt': {
      const r = compare(v, want);
      return r !== undefined && r > 0;
    }
    case 'gte': {
      const r = compare(v, want);
      return r !== undefined && r >= 0;
    }
    case 'lt': {
      const r = compare(v, want);
      return r !== undefined && r < 0;
    }
    case 'lte': {
      const r = compare(v, want);
      return r !== undefined && r <= 0;
    }
    case 'contains':
      if (typeof v === 'string') return typeof want === 'string' && v.includes(want);
      return Array.isArray(v) && includes(v, want);
    case 'starts_with':
      return typeof v === 'string' && typeof want === 'string' && v.startsWith(want);
    case 'in':
      return Array.isArray(want) && v !== undefined && includes(want, v);
    case 'exists':
      return v !== undefined && v !== null;
    case 'not_exists':
      return v === undefined || v === null;
    default:
      return false;
  }
}

/** True when every condition holds; no conditions (undefined or []) means "match". */
export function matchAll(where: Condition[] | undefined, props: Record<string, unknown>): boolean {
  if (where === undefined) return true;
  for (let i = 0; i < where.length; i++) if (!matchCondition(where[i], props)) return false;
  return true;
}
