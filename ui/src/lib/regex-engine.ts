/**
 * The UI's stand-in for actors/definition/regex-engine.ts (swapped in by ui/vite.config.ts). The
 * browser's engine does not speak RE2 (`(?i)`, `(?P<name>…)` are RE2 but not JavaScript), so the
 * builder refuses nothing here: the lookaround and backreference check of regex.ts still runs, and
 * the gateway has the last word with RE2, whose 400 the builder shows at the field. This spares
 * the bundle re2js (~46 KB gzipped, measured on the build).
 */

/** Accepts every pattern; the UI never matches URLs. */
export function compilePattern(_pattern: string): (s: string) => boolean {
  return () => false;
}

/** Never called: compilePattern does not throw. */
export const syntaxError = (e: unknown): string => (e as Error).message;
