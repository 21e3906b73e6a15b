/** Definitions in plain English, for the API's `description` and the report UI. */
import { kindOf } from '../kinds/index.ts';
import type { CountCondition, PastFilter, SegmentDefinition } from '../types.ts';
import { describeCondition, dur, withWhere } from './phrases.ts';

// "in the last 1 day" reads worse than "in the last day".
const lastWindow = (d: string): string => {
  const text = dur(d);
  return text.startsWith('1 ') ? text.slice(2) : text;
};

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
  const clauses = [kindOf(d.trigger.kind).describe(d.trigger)];
  for (const f of d.filters?.past ?? []) clauses.push(pastClause(f));
  for (const c of d.filters?.profile ?? []) clauses.push(describeCondition(c, 'whose'));
  let s = `Users ${clauses.join(', ')}`;
  if (d.reentry === 'every') {
    s += d.cooldown === undefined ? '; may enter again each time they qualify' : `; may enter again, at most once every ${dur(d.cooldown)}`;
  }
  // A value ending in a full stop ("contains google.") already ends the sentence.
  return s.endsWith('.') ? s : `${s}.`;
}
