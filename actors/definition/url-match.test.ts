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

  it.each([
    ['^https://x\\.com/(?=pricing)', 'lookaround (?=…) is not supported'],
    ['/cart(?!/empty)', 'lookaround (?!…) is not supported'],
    ['(?<=/p/)\\d+', 'lookaround (?<=…) is not supported'],
    ['(?<!www\\.)shop', 'lookaround (?<!…) is not supported'],
    ['/(a+)/\\1', 'backreference \\1 is not supported'],
    ['(?<id>\\d+)-\\k<id>', 'named backreference \\k<…> is not supported'],
  ])('refuses %s at creation: %s', (value, why) => {
    const out: Problem[] = [];
    expect(parseUrlMatch({ op: 'regex', value }, 'trigger.url', out)).toBeUndefined();
    expect(out).toEqual([{ path: 'trigger.url.value', message: `${why}: regex matches run in linear time (RE2 syntax)` }]);
  });

  it.each(['[(?=x)]', '\\(?=', '[](?=]', '[^](?=]', '(?i)shop', '^https://(www\\.)?shop\\.com/(p|c)/[a-z0-9-]+/?$', '(?P<id>\\d+)'])(
    'accepts %s',
    (value) => {
      const out: Problem[] = [];
      expect(parseUrlMatch({ op: 'regex', value }, 'u', out)).toEqual({ op: 'regex', value });
      expect(out).toEqual([]);
    },
  );

  it('says why a regex is refused', () => {
    const out: Problem[] = [];
    parseUrlMatch({ op: 'regex', value: '[' }, 'u', out);
    expect(out[0].message).toMatch(/^is not a valid regular expression/);
  });
});
