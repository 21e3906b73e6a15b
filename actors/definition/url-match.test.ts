import { describe, it, expect } from 'vitest';
import type { Problem } from '../types.ts';
import { parseUrlMatch } from './url-match.ts';

describe('parseUrlMatch', () => {
  it.each(['equals', 'contains', 'starts_with', 'regex'])('accepts op %s', (op) => {
    const out: Problem[] = [];
    expect(parseUrlMatch({ op, value: '/a' }, 'u', out)).toEqual({ op, value: '/a' });
    expect(out).toEqual([]);
  });

  it.each<[unknown, string[]]>([
    [undefined, ['u']],
    [null, ['u']],
    [{ op: 'regex', value: '(?<' }, ['u.value']],
    [{ op: 'regex', value: '.'.repeat(513) }, ['u.value']],
    [{ op: 'nope' }, ['u.op', 'u.value']],
    [{ op: 'equals', value: 5, x: 1 }, ['u.x', 'u.value']],
  ])('%j → %j', (input, paths) => {
    const out: Problem[] = [];
    expect(parseUrlMatch(input, 'u', out)).toBeUndefined();
    expect(out.map((p) => p.path)).toEqual(paths);
  });

  it('says why a regex is refused', () => {
    const out: Problem[] = [];
    parseUrlMatch({ op: 'regex', value: '[' }, 'u', out);
    expect(out[0].message).toMatch(/^is not a valid regular expression/);
  });
});
