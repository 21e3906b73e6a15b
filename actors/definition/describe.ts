/** Definitions in plain English, for the API's `description` and the report UI. */
import type { Condition, CountCondition, PastFilter, SegmentDefinition, Trigger, UrlMatch } from '../types.ts';
import { formatDuration, parseDuration } from './duration.ts';

const dur = (d: string): string => formatDuration(parseDuration(d) ?? 0);

// "in the last 1 day" reads worse than "in the last day".
const lastWindow = (d: string): string => {
  const text = dur(d);
  return text.startsWith('1 ') ? text.slice(2) : text;
};

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

function withWhere(where: Condition[] | undefined): string {
  return where === undefined || where.length === 0 ? '' : ` with ${joinList(where.map(eventCondition), 'and')}`;
}

/** "whose URL contains /pricing". */
function urlClause(m: UrlMatch): string {
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

const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

function countPhrase(c: CountCondition | undefined): string {
  if (c === undefined || (c.op === 'gte' && c.value === 1)) return '';
  switch (c.op) {
    case 'eq':
      return ` exactly ${times(c.value)}`;
    case 'neq':
      return ` any number of times except ${times(c.value)}`;
    case 'gt':
      return ` more than ${times(c.value)}`;
    case 'gte':
      return ` at least ${times(c.value)}`;
    case 'lt':
      return ` fewer than ${times(c.value)}`;
    case 'lte':
      return ` at most ${times(c.value)}`;
  }
}

function triggerClause(t: Trigger): string {
  switch (t.kind) {
    case 'action':
      return `who did ${t.event}${withWhere(t.where)}`;
    case 'inaction':
      return `who did ${t.event}${withWhere(t.where)} and did not do ${t.without.event}${withWhere(t.without.where)} within ${dur(t.within)}`;
    case 'datetime': {
      const offset = parseDuration(t.offset) ?? 0;
      let s =
        offset < 0
          ? `when ${t.property} is ${formatDuration(-offset)} away`
          : offset > 0
            ? `when ${t.property} was ${formatDuration(offset)} ago`
            : `when ${t.property} is reached`;
      if (t.at !== undefined) s += `, at ${t.at} in the user's timezone (${t.timezone ?? 'UTC'} if not set)`;
      return s;
    }
    case 'page_visit':
      return `who visited a page ${urlClause(t.url)}`;
    case 'referrer':
      return `who arrived from an external site ${urlClause(t.referrer)}`;
    case 'page_count': {
      const noun = t.distinct ? (t.count === 1 ? 'distinct page' : 'distinct pages') : t.count === 1 ? 'page' : 'pages';
      const url = t.url === undefined ? '' : ` ${urlClause(t.url)}`;
      const window = t.within === undefined ? ' since the segment was created' : ` within ${dur(t.within)}`;
      return `who viewed ${t.count} ${noun}${url}${window}`;
    }
  }
}

function pastClause(f: PastFilter): string {
  const inLast = ` in the last ${lastWindow(f.inLast)}`;
  if ('didNot' in f) return `who did not do ${f.didNot}${withWhere(f.where)}${inLast}`;
  const c = f.count;
  // "exactly 0 times" and "fewer than once" both mean the user did not do it.
  if (c !== undefined && ((c.op === 'eq' && c.value === 0) || (c.op === 'lt' && c.value === 1) || (c.op === 'lte' && c.value === 0))) {
    return `who did not do ${f.did}${withWhere(f.where)}${inLast}`;
  }
  return `who did ${f.did}${countPhrase(c)}${withWhere(f.where)}${inLast}`;
}

/** The definition as one plain-English sentence, e.g. "Users who did X and did not do Y within 10 minutes." */
export function describeDefinition(d: SegmentDefinition): string {
  const clauses = [triggerClause(d.trigger)];
  for (const f of d.filters?.past ?? []) clauses.push(pastClause(f));
  for (const c of d.filters?.profile ?? []) clauses.push(describeCondition(c, 'whose'));
  let s = `Users ${clauses.join(', ')}`;
  if (d.reentry === 'every') {
    s += d.cooldown === undefined ? '; may enter again each time they qualify' : `; may enter again, at most once every ${dur(d.cooldown)}`;
  }
  // A value ending in a full stop ("contains google.") already ends the sentence.
  return s.endsWith('.') ? s : `${s}.`;
}
