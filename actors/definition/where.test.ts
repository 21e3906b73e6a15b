import { describe, it, expect } from 'vitest';
import type { Problem } from '../types.ts';
import { checkPropPath, parseCondition, parseWhere } from './where.ts';

describe('parseWhere / parseCondition', () => {
  it('leaves an absent list absent and copies a good one', () => {
    const out: Problem[] = [];
    expect(parseWhere(undefined, 'w', out)).toBeUndefined();
    const list = [
      { prop: 'a.b', op: 'in', value: [1, 2] },
      { prop: 'c', op: 'not_exists' },
    ];
    expect(parseWhere(list, 'w', out)).toEqual(list);
    expect(out).toEqual([]);
  });

  it('accepts any JSON value for eq/neq/contains, including null and objects', () => {
    for (const value of [null, 0, false, 'x', { a: 1 }, [1]]) {
      for (const op of ['eq', 'neq', 'contains']) {
        const out: Problem[] = [];
        expect(parseCondition({ prop: 'p', op, value }, 'c', out)).toEqual({ prop: 'p', op, value });
        expect(out).toEqual([]);
      }
    }
  });

  it('reports paths under the given prefix and keeps the good conditions', () => {
    const out: Problem[] = [];
    const list = parseWhere([{ prop: 'ok', op: 'exists' }, { prop: 'x', op: 'gt', value: [] }, 7], 'filters.profile', out);
    expect(list).toEqual([{ prop: 'ok', op: 'exists' }]);
    expect(out.map((p) => p.path)).toEqual(['filters.profile[1].value', 'filters.profile[2]']);
  });

  it('checkPropPath explains the expected shape', () => {
    const out: Problem[] = [];
    expect(checkPropPath('a.', 'p', out)).toBeUndefined();
    expect(checkPropPath(undefined, 'q', out)).toBeUndefined();
    expect(out).toEqual([
      { path: 'p', message: 'must be a dotted property path such as "address.city" (at most 256 characters)' },
      { path: 'q', message: 'is required' },
    ]);
  });
});
