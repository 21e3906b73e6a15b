/** Schema of URL matches `{ op, value }` used by page_visit, referrer and page_count triggers. */
import { URL_MATCH_OPS } from '../types.ts';
import type { Problem, UrlMatch, UrlMatchOp } from '../types.ts';
import { regexProblem } from './regex.ts';
import { at, checkFields, checkText, isPlainObject } from './validate.ts';

/** Longest URL-match value. */
export const MAX_URL_MATCH_LENGTH = 2048;
/** Longest regex pattern: compiling and matching cost grows with the pattern's size. */
export const MAX_REGEX_LENGTH = 512;

const FIELDS = ['op', 'value'] as const;

/** Validates a URL match (a regex must be one RE2 can run) and returns a clean copy. */
export function parseUrlMatch(v: unknown, path: string, out: Problem[]): UrlMatch | undefined {
  if (!isPlainObject(v)) {
    out.push({ path, message: v === undefined ? 'is required' : 'must be an object { op, value }' });
    return undefined;
  }
  const before = out.length;
  checkFields(v, FIELDS, path, out);
  const op = v.op as UrlMatchOp;
  if (v.op === undefined) out.push({ path: at(path, 'op'), message: 'is required' });
  else if (!(URL_MATCH_OPS as readonly unknown[]).includes(op)) {
    out.push({ path: at(path, 'op'), message: `must be one of ${URL_MATCH_OPS.join(', ')}` });
  }
  const value = checkText(v.value, at(path, 'value'), out, 1, MAX_URL_MATCH_LENGTH);
  if (value !== undefined && op === 'regex') {
    if (value.length > MAX_REGEX_LENGTH) {
      out.push({ path: at(path, 'value'), message: `a regex must be at most ${MAX_REGEX_LENGTH} characters` });
    } else {
      const problem = regexProblem(value);
      if (problem !== undefined) out.push({ path: at(path, 'value'), message: problem });
    }
  }
  return out.length > before ? undefined : { op, value: value! };
}
