/** Schema of `trigger` (docs/formats.md): the kind is checked here, its fields by its module in actors/kinds. */
import { kindOf } from '../kinds/index.ts';
import { TRIGGER_KINDS } from '../types.ts';
import type { Problem, Trigger, TriggerKind } from '../types.ts';
import { at, checkFields, isPlainObject } from './validate.ts';

/**
 * Validates a trigger and returns a clean copy. The result is only meaningful when no problem
 * was added; an unknown kind stops here because the other fields cannot be judged without it.
 */
export function parseTrigger(v: unknown, path: string, out: Problem[]): Trigger | undefined {
  if (!isPlainObject(v)) {
    out.push({ path, message: v === undefined ? 'is required' : 'must be an object' });
    return undefined;
  }
  const kind = v.kind as TriggerKind;
  if (v.kind === undefined) {
    out.push({ path: at(path, 'kind'), message: `is required (one of ${TRIGGER_KINDS.join(', ')})` });
    return undefined;
  }
  if (!(TRIGGER_KINDS as readonly unknown[]).includes(kind)) {
    out.push({ path: at(path, 'kind'), message: `must be one of ${TRIGGER_KINDS.join(', ')}` });
    return undefined;
  }
  const spec = kindOf(kind);
  checkFields(v, spec.fields, path, out);
  return spec.parse(v, path, out);
}
