import { describe, expect, it } from 'vitest';
import { MAX_DESTINATION_SEGMENTS, parseDestinationInput } from './validate.ts';

const known = (id: string) => id.startsWith('sg_');

describe('parseDestinationInput', () => {
  it('accepts a good destination', () => {
    expect(parseDestinationInput({ name: ' CRM ', url: 'https://x.example/h', segments: ['sg_a', 'sg_b'] }, known)).toEqual({
      ok: true,
      value: { name: 'CRM', url: 'https://x.example/h', segments: ['sg_a', 'sg_b'] },
    });
  });

  it('lists every problem with its path', () => {
    const r = parseDestinationInput({ name: '', url: 'ftp://u:p@x', segments: ['sg_a', 'nope', 'sg_a', 3], extra: 1 }, known);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { path: 'extra', message: 'unknown field' },
      { path: 'name', message: 'must be a non-empty string' },
      { path: 'url', message: 'scheme must be http or https, not ftp' },
      { path: 'url', message: 'must not carry credentials (user:password@); receivers verify the signature instead' },
      { path: 'segments[1]', message: 'no segment "nope"' },
      { path: 'segments[2]', message: 'is listed twice' },
      { path: 'segments[3]', message: 'must be a segment id' },
    ]);
  });

  it('refuses too many segments, none, and bodies that are not objects', () => {
    const many = Array.from({ length: MAX_DESTINATION_SEGMENTS + 1 }, (_, i) => `sg_${i}`);
    const r = parseDestinationInput({ name: 'n', url: 'https://x.example', segments: many }, known);
    expect(r.ok ? [] : r.problems).toEqual([
      { path: 'segments', message: `at most ${MAX_DESTINATION_SEGMENTS} segments per destination, got 21` },
    ]);
    const none = parseDestinationInput({ name: 'n', url: 'https://x.example', segments: [] }, known);
    expect(none.ok ? [] : none.problems.map((p) => p.path)).toEqual(['segments']);
    expect(parseDestinationInput([], known).ok).toBe(false);
    expect(parseDestinationInput(null, known).ok).toBe(false);
  });
});
