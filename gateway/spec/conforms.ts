import { charLength } from '../../actors/definition/validate.ts';
import { SCHEMAS } from './schemas.ts';

type Schema = Record<string, unknown>;

const typeOk = (type: string, v: unknown): boolean => {
  switch (type) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'null':
      return v === null;
    default:
      return typeof v === type;
  }
};

/**
 * Where `value` breaks `schema` (the JSON Schema subset SCHEMAS uses: type, properties,
 * required, additionalProperties, items, maxItems, enum, const, oneOf, $ref, string and number
 * bounds). Empty when it conforms. Tests check real requests and answers against the published
 * document with it, so the document cannot drift from what the gateway does.
 */
export function violations(schema: Schema, value: unknown, path = ''): string[] {
  const at = (msg: string) => [`${path || '(root)'}: ${msg}`];
  if (typeof schema.$ref === 'string') return violations(SCHEMAS[schema.$ref.split('/').pop()!], value, path);
  if (Array.isArray(schema.oneOf)) {
    const matching = (schema.oneOf as Schema[]).filter((s) => violations(s, value, path).length === 0).length;
    return matching === 1 ? [] : at(`matches ${matching} of the oneOf alternatives`);
  }
  if ('const' in schema && value !== schema.const) return at(`must be ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return at(`must be one of ${schema.enum.join(', ')}`);
  if (typeof schema.type === 'string' && !typeOk(schema.type, value)) return at(`must be of type ${schema.type}`);
  const out: string[] = [];
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && charLength(value) < schema.minLength) out.push(...at('is too short'));
    if (typeof schema.maxLength === 'number' && charLength(value) > schema.maxLength) out.push(...at('is too long'));
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) out.push(...at('does not match the pattern'));
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) out.push(...at('is too small'));
    if (typeof schema.maximum === 'number' && value > schema.maximum) out.push(...at('is too large'));
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) out.push(...at('has too many items'));
    if (schema.items) for (const [i, v] of value.entries()) out.push(...violations(schema.items as Schema, v, `${path}[${i}]`));
  }
  if (typeOk('object', value) && schema.type === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const k of (schema.required ?? []) as string[]) if (!(k in obj)) out.push(...at(`lacks ${k}`));
    for (const [k, v] of Object.entries(obj)) {
      const p = path ? `${path}.${k}` : k;
      if (props[k]) out.push(...violations(props[k], v, p));
      else if (schema.additionalProperties === false) out.push(`${p}: is not a known field`);
    }
  }
  return out;
}
