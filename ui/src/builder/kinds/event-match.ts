/** An event and its "where" rows: the part of a form that kinds starting from an event share. */
import type { TemplateResult } from 'lit';
import { html } from 'lit';
import type { EventMatch } from '../../../../actors/types.ts';
import { conditionRows, type FieldContext, LISTS, textField } from '../fields.ts';
import { type ConditionDraft, conditionDrafts, text, withWhere } from '../values.ts';

/** An event name and the conditions on its properties. */
export interface EventMatchDraft {
  event: string;
  where: ConditionDraft[];
}

/** A blank event match. */
export const emptyEventMatch = (): EventMatchDraft => ({ event: '', where: [] });

/** The match as definition JSON (`{ event, where? }`). */
export const eventMatchJson = (m: EventMatchDraft): Record<string, unknown> => withWhere({ event: text(m.event) }, m.where);

/** A stored match as a draft. */
export const eventMatchDraft = (m: Partial<EventMatch>): EventMatchDraft => ({ event: m.event ?? '', where: conditionDrafts(m.where) });

/** Error-summary names of a match's paths under `path` ("trigger" or "trigger.without"). */
export const eventMatchPaths = (path: string, label: string, noun: string): Record<string, string> => ({
  [`${path}.event`]: label,
  [`${path}.where[]`]: noun,
});

/** The event box and its condition rows, bound to `<path>.event` and `<path>.where`. */
export function eventMatchFields(
  ctx: FieldContext,
  o: { path: string; label: string; value: EventMatchDraft; placeholder: string; noun: string },
): TemplateResult {
  const m = o.value;
  return html`
    ${textField(ctx, {
      path: `${o.path}.event`,
      label: o.label,
      value: m.event,
      set: (v) => {
        m.event = v;
      },
      list: LISTS.events,
      placeholder: o.placeholder,
    })}
    ${conditionRows(ctx, {
      path: `${o.path}.where`,
      rows: m.where,
      propList: LISTS.eventProps,
      noun: o.noun,
      addLabel: 'Add property condition',
      placeholder: 'event property, e.g. price',
    })}`;
}
