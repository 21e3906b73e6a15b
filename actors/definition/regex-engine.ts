/**
 * The engine behind URL regex matches: RE2 (the pure-JS re2js), whose matching takes time linear
 * in the URL. The UI's bundle swaps in ui/src/lib/regex-engine.ts, which only checks syntax.
 */
import { RE2JS } from 're2js';

/** Compiles `pattern` into an unanchored search; throws when the engine cannot run it. */
export function compilePattern(pattern: string): (s: string) => boolean {
  const re = RE2JS.compile(pattern);
  return (s) => re.test(s);
}

/** The engine's reason for refusing a pattern, for a person. */
export const syntaxError = (e: unknown): string => (e as Error).message.replace(/^error parsing regexp: /, '');
