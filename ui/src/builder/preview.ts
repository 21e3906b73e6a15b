/** What the builder shows while people type: a plain-English description and a suggested name. */
import { describeDefinition, formatDuration, parseDefinition, parseDuration } from '../../../actors/definition/index.ts';
import type { Problem, SegmentDefinition } from '../../../actors/types.ts';
import { type Draft, durationText, toDefinition } from './draft.ts';

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

const human = (d: { amount: string; unit: Draft['within']['unit'] }): string => {
  const ms = parseDuration(durationText(d) ?? '');
  return ms === undefined || ms <= 0 ? '' : formatDuration(ms);
};

/**
 * A short name from the trigger ("Added To Cart but no Charged within 10 minutes"), following
 * the naming advice: convey the core meaning briefly. Empty until there is enough to say.
 */
export function suggestName(d: Draft): string {
  const event = d.event.trim();
  switch (d.kind) {
    case 'action':
      return event ? `Did ${event}` : '';
    case 'inaction': {
      const without = d.withoutEvent.trim();
      const within = human(d.within);
      return event && without ? `${event} but no ${without}${within ? ` within ${within}` : ''}` : '';
    }
    case 'datetime': {
      const p = d.property.trim();
      if (!p) return '';
      const off = human(d.offset);
      return d.offsetDir === 'at' || !off ? `At ${p}` : d.offsetDir === 'before' ? `${off} before ${p}` : `${off} after ${p}`;
    }
    case 'page_visit':
      return d.url.value.trim() ? `Visited ${d.url.value.trim()}` : '';
    case 'referrer':
      return d.referrer.value.trim() ? `Arrived from ${d.referrer.value.trim()}` : '';
    case 'page_count': {
      const n = d.count.trim();
      if (!/^\d+$/.test(n)) return '';
      const within = d.useCountWithin ? human(d.countWithin) : '';
      return `Viewed ${n} ${d.distinct ? 'distinct ' : ''}page${n === '1' ? '' : 's'}${within ? ` in ${within}` : ''}`;
    }
    default:
      return '';
  }
}
