/** Schema of conditions (`where` lists and profile filters) in segment definitions. */
import { CONDITION_OPS } from '../types.ts';
import type { Condition, ConditionOp, Problem } from '../types.ts';
import { isDottedPath } from './path.ts';
import { at, checkFields, idx, isPlainObject } from './validate.ts';

const FIELDS = ['prop', 'op', 'value'] as const;
const ORDERING: readonly ConditionOp[] = ['gt', 'gte', 'lt', 'lte'];

/** Checks a required dotted property path ("a.b"); returns it or undefined after reporting. */
export function checkPropPath(v: unknown, path: string, out: Problem[]): string | undefined {
  if (v === undefined) out.push({ path, message: 'is required' });
  else if (typeof v !== 'string' || !isDottedPath(v)) {
    out.push({ path, message: 'must be a dotted property path such as "address.city" (at most 256 characters)' });
  } else return v;
  return undefined;
}

/** Validates one condition and returns a clean copy; for exists/not_exists any value is dropped. */
export function parseCondition(v: unknown, path: string, out: Problem[]): Condition | undefined {
  if (!isPlainObject(v)) {
    out.push({ path, message: 'must be an object { prop, op, value }' });
    return undefined;
  }
  const before = out.length;
  checkFields(v, FIELDS, path, out);
  const prop = checkPropPath(v.prop, at(path, 'prop'), out);
  const op = v.op as ConditionOp;
  if (v.op === undefined) out.push({ path: at(path, 'op'), message: 'is required' });
  else if (!(CONDITION_OPS as readonly unknown[]).includes(op)) {
    out.push({ path: at(path, 'op'), message: `must be one of ${CONDITION_OPS.join(', ')}` });
  } else if (op !== 'exists' && op !== 'not_exists') {
    checkValue(op, v.value, at(path, 'value'), out);
  }
  if (out.length > before) return undefined;
  return op === 'exists' || op === 'not_exists' ? { prop: prop!, op } : { prop: prop!, op, value: v.value };
}

function checkValue(op: ConditionOp, value: unknown, path: string, out: Problem[]): void {
  if (value === undefined) out.push({ path, message: `is required with op "${op}"` });
  else if (op === 'in' && (!Array.isArray(value) || value.length === 0)) {
    out.push({ path, message: 'must be a non-empty array with op "in"' });
  } else if (ORDERING.includes(op) && typeof value !== 'number' && typeof value !== 'string') {
    out.push({ path, message: `must be a number or a string with op "${op}"` });
  } else if (op === 'starts_with' && typeof value !== 'string') {
    out.push({ path, message: 'must be a string with op "starts_with"' });
  }
}

/** Validates an optional list of conditions; undefined stays undefined. */
export function parseWhere(v: unknown, path: string, out: Problem[]): Condition[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    out.push({ path, message: 'must be an array of conditions' });
    return undefined;
  }
  const list: Condition[] = [];
  v.forEach((c, i) => {
    const parsed = parseCondition(c, idx(path, i), out);
    if (parsed !== undefined) list.push(parsed);
  });
  return list;
}
