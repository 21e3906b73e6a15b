/** Small building blocks for the edge validators: paths, fields, strings, sizes. */
import type { Problem } from '../types.ts';
import { formatDuration, parseDuration } from './duration.ts';

/** Joins a parent path and a field name: ("trigger", "within") → "trigger.within". */
export const at = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** Joins a parent path and an array index: ("filters.past", 0) → "filters.past[0]". */
export const idx = (path: string, i: number): string => `${path}[${i}]`;

/** True for `{}`-style objects (what JSON.parse produces), false for arrays, null, class instances. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Reports every own field of `obj` not listed in `known` as "unknown field". */
export function checkFields(obj: Record<string, unknown>, known: readonly string[], path: string, out: Problem[]): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) out.push({ path: at(path, key), message: 'unknown field' });
  }
}

/** Length in Unicode code points, so an emoji counts as one character. */
export function charLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Checks a required string of `min`..`max` characters; returns it, or undefined after reporting. */
export function checkText(v: unknown, path: string, out: Problem[], min: number, max: number): string | undefined {
  if (v === undefined) {
    out.push({ path, message: 'is required' });
    return undefined;
  }
  if (typeof v !== 'string') {
    out.push({ path, message: 'must be a string' });
    return undefined;
  }
  // Code points lie between length/2 and length, so counting is only needed near the bounds.
  const fast = v.length <= max && v.length >= 2 * min;
  const len = fast ? min : charLength(v);
  if (len < min || len > max) {
    out.push({ path, message: `must be ${min}–${max} characters` });
    return undefined;
  }
  return v;
}

// C0 controls and DEL: ids and user ids travel in NATS headers, where CR/LF would break framing.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** True when `s` contains a control character (tab, CR, LF, NUL, DEL …). */
export const hasControlChars = (s: string): boolean => CONTROL.test(s);

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when `s` is ill-formed UTF-16 (has a lone surrogate). UTF-8 encoding replaces every lone
 * surrogate with U+FFFD, so "a\uD800" and "a\uDBFF" would share a KV key and a NATS header value.
 */
export const hasLoneSurrogate = (s: string): boolean => LONE_SURROGATE.test(s);

/**
 * Checks a string that becomes a key or a NATS header value (a user id, an event id): `min`–`max`
 * characters, no control characters, well-formed Unicode. Returns it or undefined after reporting.
 */
export function checkKeyText(v: unknown, path: string, out: Problem[], max: number): string | undefined {
  const s = checkText(v, path, out, 1, max);
  if (s === undefined) return undefined;
  if (hasControlChars(s)) {
    out.push({ path, message: 'must not contain control characters' });
    return undefined;
  }
  if (hasLoneSurrogate(s)) {
    out.push({ path, message: 'must be well-formed Unicode (it has a lone UTF-16 surrogate, which UTF-8 cannot encode)' });
    return undefined;
  }
  return s;
}

/** Longest user id, in Unicode code points. */
export const MAX_USER_ID_LENGTH = 256;

/** Checks a user id (1–256 characters, no control characters, well-formed Unicode); returns it or undefined. */
export const checkUserId = (v: unknown, path: string, out: Problem[]): string | undefined => checkKeyText(v, path, out, MAX_USER_ID_LENGTH);

/** UTF-8 byte length of `s`, counted without allocating an encoded copy. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Size of `v` as UTF-8 JSON in bytes; Infinity when it cannot be serialised at all. */
export function jsonSize(v: unknown): number {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? 0 : utf8Length(s);
  } catch {
    return Infinity;
  }
}

const DAY_MS = 86_400_000;
/** Longest window (within, inLast) and cooldown a definition may use. */
export const MAX_WINDOW_MS = 400 * DAY_MS;
/** Largest |offset| of a datetime trigger. */
export const MAX_OFFSET_MS = 3650 * DAY_MS;

/**
 * Checks a required duration string. `positive` windows must be > 0; `max` bounds the absolute
 * value. Returns the string as given (definitions keep durations as strings), or undefined.
 */
export function checkDuration(v: unknown, path: string, out: Problem[], opts: { positive: boolean; max: number }): string | undefined {
  if (v === undefined) {
    out.push({ path, message: 'is required' });
    return undefined;
  }
  const ms = typeof v === 'string' ? parseDuration(v) : undefined;
  if (ms === undefined) {
    out.push({ path, message: 'must be a duration such as "10m" (an integer followed by s, m, h or d)' });
    return undefined;
  }
  if (opts.positive && ms <= 0) {
    out.push({ path, message: 'must be positive' });
    return undefined;
  }
  if (Math.abs(ms) > opts.max) {
    out.push({ path, message: `must be at most ${formatDuration(opts.max)}` });
    return undefined;
  }
  return v as string;
}
