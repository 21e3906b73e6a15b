/** The phrases definitions are described with, shared by describe.ts and each trigger kind's `describe`. */
import type { Condition, UrlMatch } from '../types.ts';
import { formatDuration, parseDuration } from './duration.ts';

/** A duration string for people: "10m" -> "10 minutes". */
export const dur = (d: string): string => formatDuration(parseDuration(d) ?? 0);

/** Renders a condition value for people: strings bare, lists as "a, b or c". */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return v === '' ? '""' : v;
  if (v === null) return 'empty';
  if (Array.isArray(v)) return joinList(v.map(describeValue), 'or');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function joinList(items: string[], word: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

/** "is at least 18", "is after 2026-01-01", "is one of a or b": the predicate after a prop name. */
function predicate(c: Condition): string {
  const v = describeValue(c.value);
  // Ordered strings are nearly always ISO dates, where "after/before" is what people say.
  const dates = typeof c.value === 'string';
  switch (c.op) {
    case 'eq':
      return `is ${v}`;
    case 'neq':
      return `is not ${v}`;
    case 'gt':
      return dates ? `is after ${v}` : `is more than ${v}`;
    case 'gte':
      return dates ? `is ${v} or later` : `is at least ${v}`;
    case 'lt':
      return dates ? `is before ${v}` : `is less than ${v}`;
    case 'lte':
      return dates ? `is ${v} or earlier` : `is at most ${v}`;
    case 'contains':
      return `contains ${v}`;
    case 'starts_with':
      return `starts with ${v}`;
    case 'in':
      return `is one of ${v}`;
    case 'exists':
      return 'is set';
    case 'not_exists':
      return 'is not set';
  }
}

/** A condition on an event: "price at least 100", "no coupon" (read after "with"). */
function eventCondition(c: Condition): string {
  if (c.op === 'not_exists') return `no ${c.prop}`;
  if (c.op === 'exists') return `${c.prop} set`;
  if (c.op === 'eq') return `${c.prop} ${describeValue(c.value)}`;
  if (c.op === 'neq') return `${c.prop} other than ${describeValue(c.value)}`;
  if (c.op === 'contains') return `${c.prop} containing ${describeValue(c.value)}`;
  if (c.op === 'starts_with') return `${c.prop} starting with ${describeValue(c.value)}`;
  return `${c.prop} ${predicate(c).replace(/^is /, '')}`;
}

/** Describes one condition: "whose city is Pune" (profile) or "with price at least 100" (event). */
export function describeCondition(c: Condition, style: 'whose' | 'with'): string {
  return style === 'whose' ? `whose ${c.prop} ${predicate(c)}` : `with ${eventCondition(c)}`;
}

/** " with price at least 100 and no coupon", or nothing without conditions. */
export function withWhere(where: Condition[] | undefined): string {
  return where === undefined || where.length === 0 ? '' : ` with ${joinList(where.map(eventCondition), 'and')}`;
}

/** "whose URL contains /pricing". */
export function urlClause(m: UrlMatch): string {
  switch (m.op) {
    case 'equals':
      return `whose URL is ${m.value}`;
    case 'contains':
      return `whose URL contains ${m.value}`;
    case 'starts_with':
      return `whose URL starts with ${m.value}`;
    case 'regex':
      return `whose URL matches the pattern ${m.value}`;
  }
}
