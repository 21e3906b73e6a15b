import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Problem } from '../types.ts';
import { isTimeZone } from './timezone.ts';
import {
  charLength,
  checkDuration,
  checkText,
  checkUserId,
  hasLoneSurrogate,
  isPlainObject,
  jsonSize,
  MAX_WINDOW_MS,
  utf8Length,
} from './validate.ts';

describe('text helpers', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(charLength('a😀b')).toBe(3);
    expect(charLength('\ud800')).toBe(1);
  });

  it('matches TextEncoder byte lengths', () => {
    // Built from UTF-16 units of every width, with surrogates over-represented (pairs and lone
    // halves); fc.string({ unit: 'binary' }) costs most of a second just to set up.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0x7ff }),
      fc.integer({ min: 0x800, max: 0xffff }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
    );
    const text = fc.array(unit, { maxLength: 16 }).map((u) => String.fromCharCode(...u));
    fc.assert(
      fc.property(text, (s) => {
        expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      }),
      { numRuns: 300 },
    );
  });

  it('checkText reports missing, wrong type and length', () => {
    const out: Problem[] = [];
    expect(checkText(undefined, 'a', out, 1, 3)).toBeUndefined();
    expect(checkText(5, 'b', out, 1, 3)).toBeUndefined();
    expect(checkText('', 'c', out, 1, 3)).toBeUndefined();
    expect(checkText('abcd', 'd', out, 1, 3)).toBeUndefined();
    expect(checkText('😀😀😀', 'e', out, 1, 3)).toBe('😀😀😀');
    expect(out.map((p) => p.path)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('checkUserId allows any Unicode but no control characters', () => {
    const out: Problem[] = [];
    expect(checkUserId('Ana María <ana@x.es>', 'userId', out)).toBeDefined();
    expect(checkUserId('u\r\nNats-Msg-Id: x', 'userId', out)).toBeUndefined();
    expect(out).toEqual([{ path: 'userId', message: 'must not contain control characters' }]);
  });

  it('checkUserId refuses ill-formed UTF-16 (a lone surrogate), which UTF-8 cannot tell apart', () => {
    const out: Problem[] = [];
    for (const bad of ['a\uD800', 'a\uDBFF', '\uDC00b', 'x\uDC00\uD800y']) expect(checkUserId(bad, 'userId', out), bad).toBeUndefined();
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual({
      path: 'userId',
      message: 'must be well-formed Unicode (it has a lone UTF-16 surrogate, which UTF-8 cannot encode)',
    });
    expect(checkUserId('a😀\uD83D\uDE00', 'userId', [])).toBe('a😀😀');
    expect(new TextEncoder().encode('a\uD800')).toEqual(new TextEncoder().encode('a\uDBFF'));
  });

  it('hasLoneSurrogate agrees with String.prototype.isWellFormed', () => {
    const unit = fc.oneof(fc.integer({ min: 0x41, max: 0x5a }), fc.integer({ min: 0xd800, max: 0xdfff }));
    const text = fc.array(unit, { maxLength: 8 }).map((u) => String.fromCharCode(...u));
    const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
    fc.assert(fc.property(text, (s) => hasLoneSurrogate(s) === !isWellFormed(s)));
  });

  it('jsonSize measures UTF-8 JSON and survives cycles', () => {
    expect(jsonSize({ a: 'é' })).toBe(10);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(jsonSize(cyclic)).toBe(Infinity);
  });

  it('isPlainObject', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(new Date())).toBe(false);
    expect(isPlainObject(null)).toBe(false);
  });
});

describe('checkDuration', () => {
  const window = { positive: true, max: MAX_WINDOW_MS };
  it.each([
    [undefined, 'is required'],
    [10, 'must be a duration such as "10m" (an integer followed by s, m, h or d)'],
    ['1.5h', 'must be a duration such as "10m" (an integer followed by s, m, h or d)'],
    ['0s', 'must be positive'],
    ['-5m', 'must be positive'],
    ['401d', 'must be at most 400 days'],
  ])('%j → %s', (v, message) => {
    const out: Problem[] = [];
    expect(checkDuration(v, 'x', out, window)).toBeUndefined();
    expect(out).toEqual([{ path: 'x', message }]);
  });
  it('accepts the limit itself', () => {
    expect(checkDuration('400d', 'x', [], window)).toBe('400d');
    expect(checkDuration('9600h', 'x', [], window)).toBe('9600h');
  });
});

describe('isTimeZone', () => {
  it.each(['Asia/Kolkata', 'UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])('accepts %s', (tz) => {
    expect(isTimeZone(tz)).toBe(true);
  });
  it.each(['Mars/Olympus', '', '+05:30', 'Asia/Kolkata ', 42, null, 'Europe/Berlin/x'])('rejects %j', (tz) => {
    expect(isTimeZone(tz)).toBe(false);
  });
});
