/** The six live segment kinds as people see them: names, blurbs, examples, icons, badges. */
import { html, type TemplateResult } from 'lit';
import type { TriggerKind } from '../../../actors/types.ts';
import { TRIGGER_KINDS } from '../../../actors/types.ts';
import { icons } from './icons.ts';

/** How a kind is presented. */
export interface KindInfo {
  label: string;
  blurb: string;
  example: string;
}

/** Presentation of each trigger kind, in the order of the product's cards. */
export const KINDS: Record<TriggerKind, KindInfo> = {
  action: {
    label: 'Single action',
    blurb: 'Users qualify the moment they do an event.',
    example: 'Users who added a product to the cart',
  },
  inaction: {
    label: 'Inaction within time',
    blurb: 'Users did one event but not another within a window.',
    example: 'Added to cart but did not purchase within 10 minutes',
  },
  datetime: {
    label: 'On a date/time',
    blurb: 'Users qualify at a time relative to a date in their profile.',
    example: 'Users who have an appointment five days from today',
  },
  page_visit: {
    label: 'Page visit',
    blurb: 'Users qualify when they view a matching URL.',
    example: 'Users who visited the pricing page',
  },
  referrer: {
    label: 'Referrer entry',
    blurb: 'Users arrive on your site from a matching external site.',
    example: 'Users who arrived from Google',
  },
  page_count: {
    label: 'Page count',
    blurb: 'Users view a number of pages, optionally within a window.',
    example: 'Users who viewed 5 product pages in 10 minutes',
  },
};

/** Kinds in display order. */
export const KIND_ORDER: readonly TriggerKind[] = TRIGGER_KINDS;

/** Label of a kind, tolerating unknown values from newer gateways. */
export const kindLabel = (kind: string): string => KINDS[kind as TriggerKind]?.label ?? kind;

/** A coloured pill naming the kind (needs the `kindColors` and `base` styles). */
export function kindBadge(kind: string): TemplateResult {
  const icon = icons[kind as TriggerKind];
  return html`<span class="badge kind k-${kind}">${icon ?? ''}${kindLabel(kind)}</span>`;
}
