/** Validation of segment definitions: the one schema shared by gateway, actors and ui. */
import type { Parsed, Problem, SegmentDefinition } from '../types.ts';
import { parseFilters } from './filters.ts';
import { parseTrigger } from './trigger.ts';
import { checkDuration, checkFields, checkText, isPlainObject, MAX_WINDOW_MS } from './validate.ts';

const FIELDS = ['name', 'trigger', 'filters', 'reentry', 'cooldown'] as const;

/**
 * Validates a whole definition, collecting every problem with its full path
 * ("trigger.within", "filters.past[0].inLast"), and returns a clean copy with only known
 * fields; optional fields that were absent stay absent.
 */
export function parseDefinition(input: unknown): Parsed<SegmentDefinition> {
  if (!isPlainObject(input)) return { ok: false, problems: [{ path: '', message: 'must be a JSON object' }] };
  const problems: Problem[] = [];
  checkFields(input, FIELDS, '', problems);

  const name = checkText(input.name, 'name', problems, 1, 200);
  if (name !== undefined && name.trim() === '') problems.push({ path: 'name', message: 'must not be blank' });
  const trigger = parseTrigger(input.trigger, 'trigger', problems);
  const filters = parseFilters(input.filters, 'filters', problems);

  const reentry = input.reentry;
  if (reentry !== undefined && reentry !== 'once' && reentry !== 'every') {
    problems.push({ path: 'reentry', message: 'must be "once" or "every"' });
  }
  let cooldown: string | undefined;
  if (input.cooldown !== undefined) {
    cooldown = checkDuration(input.cooldown, 'cooldown', problems, { positive: true, max: MAX_WINDOW_MS });
    if (reentry !== 'every') problems.push({ path: 'cooldown', message: 'is only allowed with reentry "every"' });
  }

  if (problems.length > 0) return { ok: false, problems };
  const value: SegmentDefinition = { name: name!, trigger: trigger! };
  if (filters !== undefined) value.filters = filters;
  if (reentry !== undefined) value.reentry = reentry as 'once' | 'every';
  if (cooldown !== undefined) value.cooldown = cooldown;
  return { ok: true, value };
}
