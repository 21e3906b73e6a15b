/**
 * Regular expressions of URL matches, run by RE2 (the pure-JS re2js): matching takes time linear
 * in the URL, whatever the pattern, so a careless or hostile pattern cannot stall a worker.
 */
import { compilePattern, syntaxError } from './regex-engine.ts';

const LINEAR = 'regex matches run in linear time (RE2 syntax)';
const LOOKAROUND = ['(?=', '(?!', '(?<=', '(?<!'];

/**
 * The first construct RE2 cannot run (lookaround, backreferences), named for a person: RE2's own
 * error for these ("invalid or unsupported Perl syntax") does not say why.
 */
function unsupported(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && next >= '1' && next <= '9') return `backreference \\${next} is not supported`;
      if (!inClass && next === 'k' && pattern[i + 2] === '<') return 'named backreference \\k<…> is not supported';
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      // A `]` right after `[` or `[^` is a literal member, not the end of the class.
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
    } else if (c === '(') {
      const look = LOOKAROUND.find((l) => pattern.startsWith(l, i));
      if (look) return `lookaround ${look}…) is not supported`;
    }
  }
  return undefined;
}

/** Why RE2 cannot run `pattern`, as a problem message; undefined when it can. */
export function regexProblem(pattern: string): string | undefined {
  const why = unsupported(pattern);
  if (why !== undefined) return `${why}: ${LINEAR}`;
  try {
    compilePattern(pattern);
    return undefined;
  } catch (e) {
    return `is not a valid regular expression (RE2 syntax): ${syntaxError(e)}`;
  }
}

/**
 * Compiles `pattern` (which regexProblem accepted) into an unanchored, case-sensitive search, as
 * `new RegExp(pattern).test` was: `^` and `$` anchor to the whole input.
 */
export const compileRegex = (pattern: string): ((s: string) => boolean) => compilePattern(pattern);
