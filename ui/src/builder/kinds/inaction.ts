/** Inaction within time: users did one event but not another within a window. */
import { html, svg } from 'lit';
import { icon } from '../../lib/icons.ts';
import { durationField, errorLine } from '../fields.ts';
import { type DurationDraft, durationText, durationWords, parseDurationDraft } from '../values.ts';
import {
  type EventMatchDraft,
  emptyEventMatch,
  eventMatchDraft,
  eventMatchFields,
  eventMatchJson,
  eventMatchPaths,
} from './event-match.ts';
import { defineKind } from './types.ts';

/** The form of an inaction segment. */
export interface InactionDraft {
  /** The first event; shared with the other kinds that start from one. */
  did: EventMatchDraft;
  /** The event that must not follow. */
  without: EventMatchDraft;
  within: DurationDraft;
}

/** The inaction kind in the builder. */
export const inaction = defineKind({
  kind: 'inaction',
  label: 'Inaction within time',
  blurb: 'Users did one event but not another within a window.',
  example: 'Added to cart but did not purchase within 10 minutes',
  icon: icon(svg`<circle cx="12" cy="13" r="8"/><path d="M12 9v4l2.5 2.5M9 2h6"/>`),
  color: { strong: '#b54708', soft: '#fff6e5' },
  paths: {
    ...eventMatchPaths('trigger', 'User did', 'Event condition'),
    ...eventMatchPaths('trigger.without', 'But did not do', 'Missing event condition'),
    'trigger.without': 'But did not do',
    'trigger.within': 'Window',
  },
  // A 10-minute window, as in the classic cart example.
  defaults: (): InactionDraft => ({ did: emptyEventMatch(), without: emptyEventMatch(), within: { amount: '10', unit: 'm' } }),
  toTrigger: (d) => ({ kind: 'inaction', ...eventMatchJson(d.did), without: eventMatchJson(d.without), within: durationText(d.within) }),
  fromTrigger: (t) => ({ did: eventMatchDraft(t), without: eventMatchDraft(t.without), within: parseDurationDraft(t.within) }),
  fields: (ctx, d) => html`
    <div class="step"><div class="grow">
      ${eventMatchFields(ctx, {
        path: 'trigger',
        label: 'User did',
        value: d.did,
        placeholder: 'Event name, e.g. Added To Cart',
        noun: 'First event condition',
      })}
    </div></div>
    <div class="step"><div class="grow">
      ${eventMatchFields(ctx, {
        path: 'trigger.without',
        label: 'But did not do',
        value: d.without,
        placeholder: 'Event name, e.g. Charged',
        noun: 'Missing event condition',
      })}
      ${errorLine(ctx, 'trigger.without')}
    </div></div>
    <div class="step"><div class="grow">
      ${durationField(ctx, {
        path: 'trigger.within',
        label: 'Within',
        value: d.within,
        hint: 'Measured from the first event’s time. Most mobile purchases happen within 10 minutes.',
      })}
    </div></div>`,
  suggestName: (d) => {
    const event = d.did.event.trim();
    const without = d.without.event.trim();
    const within = durationWords(d.within);
    return event && without ? `${event} but no ${without}${within ? ` within ${within}` : ''}` : '';
  },
});
