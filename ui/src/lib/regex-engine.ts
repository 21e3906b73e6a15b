/**
 * The UI's stand-in for actors/definition/regex-engine.ts (swapped in by ui/vite.config.ts): the
 * builder only checks a pattern's syntax while people type, and the gateway has the last word
 * with RE2. The native engine spares the bundle re2js (~46 KB gzipped, measured on the build).
 */

/** Compiles `pattern` with the native engine; throws on a syntax error. */
export function compilePattern(pattern: string): (s: string) => boolean {
  const re = new RegExp(pattern);
  return (s) => re.test(s);
}

/** The engine's reason for refusing a pattern, for a person. */
export const syntaxError = (e: unknown): string => (e as Error).message;
