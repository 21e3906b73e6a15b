import { charLength } from '../../actors/definition/validate.ts';
import type { Problem } from '../../actors/types.ts';
import type { ParamSpec } from './routes.ts';

/** The JSON Schema subset parameters use: it is both validated here and published in OpenAPI. */
export type ParamSchema =
  | { readonly type: 'integer'; readonly minimum: number; readonly maximum: number; readonly default?: number }
  | {
      readonly type: 'string';
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly pattern?: string;
      readonly default?: string;
    };

/** Parsed parameter values by name; absent optional parameters are absent (or their default). */
export type ParamValues = Record<string, string | number | undefined>;

const INTEGER = /^\d{1,16}$/;
const patterns = new Map<string, RegExp>();
const compiled = (p: string): RegExp => {
  let re = patterns.get(p);
  if (!re) patterns.set(p, (re = new RegExp(p, 'u')));
  return re;
};

/** Checks one raw value against its schema; returns the parsed value or a problem message. */
export function checkParam(schema: ParamSchema, raw: string): { value: string | number } | { problem: string } {
  if (schema.type === 'integer') {
    const n = Number(raw);
    if (!INTEGER.test(raw) || n < schema.minimum || n > schema.maximum) {
      return { problem: `must be an integer from ${schema.minimum} to ${schema.maximum}` };
    }
    return { value: n };
  }
  const len = charLength(raw);
  if (schema.minLength !== undefined && len < schema.minLength) return { problem: `must be at least ${schema.minLength} characters` };
  if (schema.maxLength !== undefined && len > schema.maxLength) return { problem: `must be at most ${schema.maxLength} characters` };
  if (schema.pattern !== undefined && !compiled(schema.pattern).test(raw)) return { problem: 'contains characters that are not allowed' };
  return { value: raw };
}

/**
 * Validates the path and query parameters of a route. Header parameters are only documented:
 * they are advisory (a bad `Last-Event-ID` just means "no resume"). Unknown query parameters are
 * ignored, as browsers and proxies add their own.
 */
export function readParams(
  specs: readonly ParamSpec[],
  read: (p: ParamSpec) => string | undefined,
): { values: ParamValues; problems: Problem[] } {
  const values: ParamValues = {};
  const problems: Problem[] = [];
  for (const p of specs) {
    if (p.in === 'header') continue;
    const raw = read(p);
    if (raw === undefined || raw === '') {
      if (p.required) problems.push({ path: p.name, message: 'is required' });
      else if (p.schema.default !== undefined) values[p.name] = p.schema.default;
      continue;
    }
    const r = checkParam(p.schema, raw);
    if ('problem' in r) problems.push({ path: p.name, message: r.problem });
    else values[p.name] = r.value;
  }
  return { values, problems };
}
