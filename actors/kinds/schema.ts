/** JSON Schema pieces the kinds' schemas share with the OpenAPI document (gateway/spec/schemas.ts). */
import { MAX_EVENT_NAME_LENGTH } from '../definition/event-match.ts';
import type { JsonSchema, TriggerSchema } from './types.ts';

/** A reference to a named schema of the OpenAPI document. */
export const schemaRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** A closed object: only the listed properties. */
export const closedObject = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** A duration string ("10m"), as parseDuration reads it. */
export const DURATION_SCHEMA: JsonSchema = {
  type: 'string',
  pattern: '^-?\\d{1,16}[smhd]$',
  description: 'integer followed by s, m, h or d',
  examples: ['90s', '10m', '-5d'],
};

/** The fields of an event match `{ event, where? }`. */
export const EVENT_MATCH_SCHEMA: Record<string, JsonSchema> = {
  event: { type: 'string', minLength: 1, maxLength: MAX_EVENT_NAME_LENGTH },
  where: { type: 'array', items: schemaRef('Condition') },
};

/** A kind's fields are `kind` and the properties of its schema: one list, so the two cannot drift. */
export const fieldsOf = (schema: TriggerSchema): readonly string[] => ['kind', ...Object.keys(schema.properties)];
