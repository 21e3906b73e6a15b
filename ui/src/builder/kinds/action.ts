/** Single action: users qualify the moment they do an event. */
import { svg } from 'lit';
import { icon } from '../../lib/icons.ts';
import {
  type EventMatchDraft,
  emptyEventMatch,
  eventMatchDraft,
  eventMatchFields,
  eventMatchJson,
  eventMatchPaths,
} from './event-match.ts';
import { defineKind } from './types.ts';

/** The form of a single-action segment. */
export interface ActionDraft {
  /** The event; shared with the other kinds that start from one. */
  did: EventMatchDraft;
}

/** The single-action kind in the builder. */
export const action = defineKind({
  kind: 'action',
  label: 'Single action',
  blurb: 'Users qualify the moment they do an event.',
  example: 'Users who added a product to the cart',
  icon: icon(svg`<path d="M13 2 4 14h7l-1 8 9-12h-7l1-8z"/>`),
  color: { strong: '#4f46e5', soft: '#eef2ff' },
  paths: eventMatchPaths('trigger', 'User did', 'Event condition'),
  defaults: (): ActionDraft => ({ did: emptyEventMatch() }),
  toTrigger: (d) => ({ kind: 'action', ...eventMatchJson(d.did) }),
  fromTrigger: (t) => ({ did: eventMatchDraft(t) }),
  fields: (ctx, d) =>
    eventMatchFields(ctx, {
      path: 'trigger',
      label: 'User did',
      value: d.did,
      placeholder: 'Event name, e.g. Added To Cart',
      noun: 'Event condition',
    }),
  suggestName: (d) => (d.did.event.trim() ? `Did ${d.did.event.trim()}` : ''),
});
