/** Schema of `filters`: past behaviour and profile conditions (docs/formats.md). */
import { COUNT_OPS } from '../types.ts';
import type { Condition, CountCondition, PastFilter, Problem } from '../types.ts';
import { checkEventName } from './event-match.ts';
import { MAX_PAST_COUNT, MAX_PAST_FILTERS } from './limits.ts';
import { at, checkDuration, checkFields, idx, isPlainObject, MAX_WINDOW_MS } from './validate.ts';
import { parseWhere } from './where.ts';

/** The validated shape of `filters`. */
export type Filters = { past?: PastFilter[]; profile?: Condition[] };

const PAST_FIELDS = ['did', 'didNot', 'where', 'count', 'inLast'] as const;

function parseCount(v: unknown, path: string, out: Problem[]): CountCondition | undefined {
  if (!isPlainObject(v)) {
    out.push({ path, message: 'must be an object { op, value }' });
    return undefined;
  }
  checkFields(v, ['op', 'value'], path, out);
  const op = v.op as CountCondition['op'];
  if (v.op === undefined) out.push({ path: at(path, 'op'), message: 'is required' });
  else if (!(COUNT_OPS as readonly unknown[]).includes(op)) {
    out.push({ path: at(path, 'op'), message: `must be one of ${COUNT_OPS.join(', ')}` });
  }
  if (v.value === undefined) out.push({ path: at(path, 'value'), message: 'is required' });
  else if (!Number.isSafeInteger(v.value) || (v.value as number) < 0 || (v.value as number) > MAX_PAST_COUNT) {
    // Each user keeps count + 9 timestamps per filter: the cap keeps the stored record bounded.
    out.push({ path: at(path, 'value'), message: `must be an integer from 0 to ${MAX_PAST_COUNT}` });
  }
  return { op, value: v.value as number };
}

/** Validates one past-behaviour filter (exactly one of did / didNot) and returns a clean copy. */
export function parsePastFilter(v: unknown, path: string, out: Problem[]): PastFilter | undefined {
  if (!isPlainObject(v)) {
    out.push({ path, message: 'must be an object with did or didNot' });
    return undefined;
  }
  checkFields(v, PAST_FIELDS, path, out);
  const did = v.did !== undefined;
  const didNot = v.didNot !== undefined;
  if (did === didNot) {
    out.push({ path, message: did ? 'must have only one of did and didNot' : 'must have did or didNot' });
  }
  const where = parseWhere(v.where, at(path, 'where'), out);
  const inLast = checkDuration(v.inLast, at(path, 'inLast'), out, { positive: true, max: MAX_WINDOW_MS }) ?? '';
  if (didNot) {
    if (v.count !== undefined) out.push({ path: at(path, 'count'), message: 'is not allowed with didNot' });
    const event = checkEventName(v.didNot, at(path, 'didNot'), out) ?? '';
    return where === undefined ? { didNot: event, inLast } : { didNot: event, where, inLast };
  }
  const event = did ? (checkEventName(v.did, at(path, 'did'), out) ?? '') : '';
  const f: PastFilter = { did: event, inLast };
  if (where !== undefined) f.where = where;
  if (v.count !== undefined) f.count = parseCount(v.count, at(path, 'count'), out);
  return f;
}

/** Validates the optional `filters` object; absent lists stay absent. */
export function parseFilters(v: unknown, path: string, out: Problem[]): Filters | undefined {
  if (v === undefined) return undefined;
  if (!isPlainObject(v)) {
    out.push({ path, message: 'must be an object { past?, profile? }' });
    return undefined;
  }
  checkFields(v, ['past', 'profile'], path, out);
  const filters: Filters = {};
  if (v.past !== undefined) {
    const pPath = at(path, 'past');
    if (!Array.isArray(v.past)) out.push({ path: pPath, message: 'must be an array of past-behaviour filters' });
    else if (v.past.length > MAX_PAST_FILTERS) {
      out.push({ path: pPath, message: `must have at most ${MAX_PAST_FILTERS} filters (each keeps history in every user record)` });
    } else {
      const past: PastFilter[] = [];
      v.past.forEach((f, i) => {
        const parsed = parsePastFilter(f, idx(pPath, i), out);
        if (parsed !== undefined) past.push(parsed);
      });
      filters.past = past;
    }
  }
  const profile = parseWhere(v.profile, at(path, 'profile'), out);
  if (profile !== undefined) filters.profile = profile;
  return filters;
}
