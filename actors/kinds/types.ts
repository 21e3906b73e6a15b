/** What one trigger kind is made of; each module of this folder exports one `KindSpec`. */
import type { RegionBuilder } from '../rules/types.ts';
import type { Problem, Trigger, TriggerKind } from '../types.ts';

/** The trigger type of kind `K`. */
export type TriggerOf<K extends TriggerKind> = Extract<Trigger, { kind: K }>;

/** A JSON Schema (as OpenAPI 3.1 uses it), as plain data. */
export type JsonSchema = Record<string, unknown>;

/** The published schema of a trigger's fields besides `kind`. */
export interface TriggerSchema {
  properties: Record<string, JsonSchema>;
  required: readonly string[];
}

/** Everything of one trigger kind: validation, wording, published schema, evaluation and rules. */
export interface KindSpec<K extends TriggerKind> {
  kind: K;
  /** The fields a trigger of this kind may have, `kind` included; parseTrigger reports any other. */
  fields: readonly string[];
  /**
   * Validates the fields of an object whose `kind` is K and returns a clean copy, pushing each
   * problem with its path under `path`; the result is only meaningful when none was pushed.
   */
  parse(v: Record<string, unknown>, path: string, out: Problem[]): TriggerOf<K>;
  /** The trigger as a clause after "Users": "who did Buy with price at least 100". */
  describe(t: TriggerOf<K>): string;
  /** The fields' schema in the OpenAPI document (gateway/spec/schemas.ts adds `kind`). */
  schema: TriggerSchema;
  /**
   * True when the trigger is evaluated from the profile (when it changes, and for every known user
   * when a segment is created) rather than from events.
   */
  profileDriven: boolean;
  /** The segment's rules, as a plain region (rules/machine.ts runs it). */
  region: RegionBuilder<TriggerOf<K>>;
}
