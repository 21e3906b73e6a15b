/** Dotted property paths ("a.b.c") into JSON-like objects. */

const hasOwn = Object.hasOwn;

/**
 * Reads `dotted` from `obj`. Only own properties are visited, so "constructor" or "__proto__"
 * never reach the prototype chain. A top-level key that itself contains dots ("utm.source")
 * wins over the nested walk, because producers do send flat keys like that.
 */
export function getPath(obj: unknown, dotted: string): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  if (hasOwn(obj, dotted)) return (obj as Record<string, unknown>)[dotted];
  let dot = dotted.indexOf('.');
  if (dot < 0) return undefined;
  let cur: unknown = obj;
  let start = 0;
  for (;;) {
    const key = dot < 0 ? dotted.slice(start) : dotted.slice(start, dot);
    if (typeof cur !== 'object' || cur === null || !hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
    if (dot < 0) return cur;
    start = dot + 1;
    dot = dotted.indexOf('.', start);
  }
}

/** True when `s` is a usable dotted path: non-empty segments separated by single dots. */
export function isDottedPath(s: string): boolean {
  if (s.length === 0 || s.length > 256) return false;
  return !(s.startsWith('.') || s.endsWith('.') || s.includes('..'));
}
