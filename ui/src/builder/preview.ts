/** What the builder shows while people type: a plain-English description and a suggested name. */
import { describeDefinition, parseDefinition, parseDuration } from '../../../actors/definition/index.ts';
import type { Problem, SegmentDefinition } from '../../../actors/types.ts';
import { type Draft, toDefinition } from './draft.ts';
import { builderKind } from './kinds/index.ts';

/** The validator's verdict on the form and the description to show. */
export interface Preview {
  definition: Record<string, unknown>;
  problems: Problem[];
  /** The definition in plain English; blanks read as "…" while the form is incomplete. */
  description: string;
  complete: boolean;
}

const BLANK = '…';

/**
 * Describes the form as it stands. An incomplete form is described with "…" in its gaps, so
 * the sentence grows as people type instead of appearing only at the end.
 */
export function preview(d: Draft): Preview {
  const definition = toDefinition(d);
  const parsed = parseDefinition(definition);
  if (parsed.ok) return { definition, problems: [], description: describeDefinition(parsed.value), complete: true };
  let description = '';
  if (d.kind !== undefined) {
    try {
      // Blank texts become "…"; broken durations become 0, which no valid window can be, and read "…".
      const filled = JSON.parse(JSON.stringify(definition, (k, v) => fill(k, v))) as SegmentDefinition;
      description = describeDefinition(filled)
        .replace(/\b0 seconds\b/g, BLANK)
        .replace(/…\.$/, '…');
    } catch {
      description = '';
    }
  }
  return { definition, problems: parsed.problems, description, complete: false };
}

const DURATION_KEYS = new Set(['within', 'inLast', 'cooldown', 'offset']);
const TEXT_KEYS = new Set(['event', 'did', 'didNot', 'prop', 'property', 'value']);

function fill(key: string, v: unknown): unknown {
  if (DURATION_KEYS.has(key)) return typeof v === 'string' && parseDuration(v) !== undefined ? v : '0s';
  if (TEXT_KEYS.has(key) && (v === '' || v === undefined)) return BLANK;
  return v;
}

/**
 * A short name from the trigger ("Added To Cart but no Charged within 10 minutes"), following
 * the naming advice: convey the core meaning briefly. Empty until there is enough to say.
 */
export function suggestName(d: Draft): string {
  return d.kind === undefined ? '' : builderKind(d.kind).suggestName(d.triggers[d.kind]);
}
