/** URL normalisation and URL matches (docs/formats.md): scheme and host lower-cased, fragment dropped. */
import type { UrlMatch } from '../types.ts';
import { compileRegex } from './regex.ts';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const AUTHORITY_END = '/?\\';

function parses(u: string): boolean {
  try {
    new URL(u);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lower-cases scheme and host and drops the fragment, keeping everything else exactly as given
 * (no percent-encoding, no trailing slash added, default ports kept) so that what a user types
 * in a URL match is what gets compared. Undefined when `URL` cannot parse it as an absolute URL.
 */
export function normaliseUrl(u: string): string | undefined {
  if (typeof u !== 'string') return undefined;
  const s = u.trim();
  if (!parses(s)) return undefined;
  const scheme = SCHEME.exec(s);
  if (scheme === null) return undefined;
  const hash = s.indexOf('#');
  const body = hash < 0 ? s : s.slice(0, hash);
  let out = scheme[0].toLowerCase();
  let rest = body.slice(scheme[0].length);
  if (rest.startsWith('//')) {
    let end = 2;
    // A backslash ends the authority too: the URL parser treats it as '/' for http(s).
    while (end < rest.length && !AUTHORITY_END.includes(rest[end])) end++;
    const authority = rest.slice(2, end);
    // Only the host is case-insensitive; user info before '@' is kept as given.
    const at = authority.lastIndexOf('@');
    const lowered = at < 0 ? authority.toLowerCase() : authority.slice(0, at + 1) + authority.slice(at + 1).toLowerCase();
    out += `//${lowered}`;
    rest = rest.slice(end);
  }
  return out + rest;
}

/** The host (with a non-default port) of an absolute URL; undefined when it does not parse. */
export function hostOf(u: string): string | undefined {
  try {
    return new URL(u.trim()).host;
  } catch {
    return undefined;
  }
}

/** True when `referrer` is non-empty and its host differs from the host of `url` (both must parse). */
export function isExternalReferrer(url: string, referrer: string | undefined | null): boolean {
  if (typeof referrer !== 'string' || referrer.trim() === '') return false;
  const from = hostOf(referrer);
  const to = hostOf(url);
  return from !== undefined && to !== undefined && from !== to;
}

/**
 * How much of a normalised URL a regex sees: its first 2,048 characters. RE2 runs in time linear
 * in the input, and a page view may carry a URL of up to 32 KiB; the cap keeps one match to
 * microseconds. 2,048 is the longest URL match value, and past the de-facto URL limit of browsers,
 * CDNs and sitemaps, so a pattern about scheme, host and path sees everything it can name.
 */
export const MAX_MATCHED_URL_LENGTH = 2048;

const compiled = new Map<string, (s: string) => boolean>();
/** Regexes compiled once per pattern, shared by programs (a worker recompiles on every segment change). */
function regexFor(pattern: string): (s: string) => boolean {
  let test = compiled.get(pattern);
  if (!test) {
    test = compileRegex(pattern);
    // Patterns come from stored segments, a bounded set; the cap only guards against churn.
    if (compiled.size >= 10_000) compiled.clear();
    compiled.set(pattern, test);
  }
  return test;
}

/**
 * Compiles a URL match once into a predicate over raw URLs; the predicate normalises its input.
 * For equals/starts_with the match value is normalised too when it is itself a URL, so
 * "HTTPS://Example.com/x" matches what a browser reports. Unparseable URLs never match.
 */
export function compileUrlMatch(m: UrlMatch): (url: string) => boolean {
  const test = compileNormalisedUrlMatch(m);
  return (url) => {
    const n = normaliseUrl(url);
    return n !== undefined && test(n);
  };
}

/**
 * The same match over a URL that is already normalised: the hot path, where one page view is
 * normalised once and tested by many segments.
 */
export function compileNormalisedUrlMatch(m: UrlMatch): (normalised: string) => boolean {
  switch (m.op) {
    case 'equals': {
      const want = normaliseUrl(m.value) ?? m.value;
      return (url) => url === want;
    }
    case 'starts_with': {
      const want = normaliseUrl(m.value) ?? m.value;
      return (url) => url.startsWith(want);
    }
    case 'contains': {
      const want = m.value;
      return (url) => url.includes(want);
    }
    case 'regex': {
      const test = regexFor(m.value);
      return (url) => test(url.length > MAX_MATCHED_URL_LENGTH ? url.slice(0, MAX_MATCHED_URL_LENGTH) : url);
    }
    default:
      return () => false;
  }
}
