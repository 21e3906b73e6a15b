/**
 * Names to suggest in the builder: event names and property paths seen in existing segment
 * definitions, merged with common ones. (The gateway has no "recent event names" endpoint yet.)
 */
import type { Condition, SegmentDefinition } from '../../../actors/types.ts';
import type { ApiClient } from '../api/index.ts';

/** Suggestion lists for the builder's datalists. */
export interface Suggestions {
  events: string[];
  eventProps: string[];
  profileProps: string[];
}

/** Common e-commerce and app events, as in the product's examples. */
export const COMMON_EVENTS = [
  'App Launched',
  'App Installed',
  'Added To Cart',
  'Removed From Cart',
  'Charged',
  'Checkout Started',
  'Product Viewed',
  'Category Viewed',
  'Searched',
  'Signed Up',
  'Logged In',
  'Added To Wishlist',
  'Notification Clicked',
  'Subscribed',
  'Rated',
  '$page_view',
];
export const COMMON_EVENT_PROPS = ['price', 'product', 'category', 'quantity', 'currency', 'url', 'referrer', 'title'];
export const COMMON_PROFILE_PROPS = [
  'city',
  'country',
  'email',
  'phone',
  'push_token',
  'web_push',
  'whatsapp_opt_in',
  'plan',
  'appointment_at',
  'birthday',
];

/** How many segment definitions to read for names: enough for variety, bounded for big catalogs. */
const MAX_DEFINITIONS = 20;

/** Collects names from definitions, most used first, then the common lists. */
export function collectSuggestions(defs: readonly SegmentDefinition[]): Suggestions {
  const events = new Map<string, number>();
  const eventProps = new Map<string, number>();
  const profileProps = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string | undefined) => {
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  };
  const props = (list: Condition[] | undefined) => {
    for (const c of list ?? []) bump(eventProps, c.prop);
  };
  for (const d of defs) {
    const t = d.trigger;
    if (t.kind === 'action' || t.kind === 'inaction') {
      bump(events, t.event);
      props(t.where);
    }
    if (t.kind === 'inaction') {
      bump(events, t.without.event);
      props(t.without.where);
    }
    if (t.kind === 'datetime') bump(profileProps, t.property);
    for (const f of d.filters?.past ?? []) {
      bump(events, 'did' in f ? f.did : f.didNot);
      props(f.where);
    }
    for (const c of d.filters?.profile ?? []) bump(profileProps, c.prop);
  }
  const merge = (m: Map<string, number>, common: readonly string[]) => [
    ...new Set([...[...m].sort((a, b) => b[1] - a[1]).map(([k]) => k), ...common]),
  ];
  return {
    events: merge(events, COMMON_EVENTS),
    eventProps: merge(eventProps, COMMON_EVENT_PROPS),
    profileProps: merge(profileProps, COMMON_PROFILE_PROPS),
  };
}

/** Reads the newest segments' definitions (failures are skipped: suggestions are a nicety). */
export async function loadSuggestions(api: ApiClient, signal: AbortSignal): Promise<Suggestions> {
  let defs: SegmentDefinition[] = [];
  try {
    const list = (await api.listSegments('', signal)).slice(0, MAX_DEFINITIONS);
    const details = await Promise.allSettled(list.map((s) => api.getSegment(s.id, signal)));
    defs = details.flatMap((r) => (r.status === 'fulfilled' && r.value.definition ? [r.value.definition] : []));
  } catch {
    /* fall back to the common names */
  }
  return collectSuggestions(defs);
}
