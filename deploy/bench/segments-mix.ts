import type { Segment, SegmentDefinition } from '../../actors/types.ts';

/**
 * Event names the benchmark segments mention (as trigger, `without` or past filter), the common
 * ones first, and names no segment mentions. The load model draws from both.
 */
export const RULE_EVENTS = [
  'Added To Cart',
  'Charged',
  'App Launched',
  'Checkout Started',
  'Removed From Cart',
  'Coupon Applied',
  'Wishlist Added',
  'Signed Up',
  'Logged In',
  'Subscription Started',
  'Subscription Cancelled',
  'Trial Started',
  'Order Returned',
  'Review Written',
  'Referral Sent',
  'Push Opened',
  'Email Clicked',
  'Payment Failed',
  'Support Ticket Opened',
  'Address Updated',
];
/** See RULE_EVENTS. */
export const OTHER_EVENTS = [
  'Product Viewed',
  'Searched',
  'Screen Viewed',
  'Scrolled',
  'Video Played',
  'Notification Received',
  'Session Started',
  'Session Ended',
  'Filter Applied',
  'Category Viewed',
  'Image Zoomed',
  'Share Clicked',
  'Banner Seen',
  'Recommendation Seen',
  'Tab Switched',
  'Form Focused',
  'Language Changed',
  'Heartbeat',
  'App Backgrounded',
  'Deep Link Opened',
];
/** Origin of the benchmark's pages; page segments match paths `/p<n>` under it. */
export const BENCH_ORIGIN = 'https://shop.example.com';

/** Referrer sources, one per referrer segment, as a marketer splits acquisition channels. */
const SOURCES = ['google.', 'facebook.', 't.co', 'bing.', 'instagram.', 'newsletter', 'duckduckgo.', 'linkedin.'];

/**
 * `count` live segments of every kind (~1/6 each), a third with filters: a realistic mix. Segments
 * of one kind differ (events, sources, page sections, counts, offsets), as 50 segments made by
 * marketers would; identical copies would multiply the entries of the commonest rule.
 */
export function mixedSegments(count = 50, createdAt = 0): Segment[] {
  const defs: SegmentDefinition[] = [];
  for (let i = 0; defs.length < count; i++) {
    const ev = RULE_EVENTS[i % RULE_EVENTS.length];
    const other = RULE_EVENTS[(i + 7) % RULE_EVENTS.length];
    /** Which segment of its kind this is. */
    const variant = Math.floor(i / 6);
    const filters =
      i % 3 === 0 ? { past: [{ did: other, inLast: '7d' }], profile: [{ prop: 'city', op: 'eq' as const, value: 'Pune' }] } : undefined;
    const kinds: SegmentDefinition['trigger'][] = [
      { kind: 'action', event: ev, where: [{ prop: 'price', op: 'gte', value: 100 }] },
      { kind: 'inaction', event: ev, without: { event: other }, within: '10m' },
      {
        kind: 'datetime',
        property: 'appointment_at',
        offset: `-${1 + (variant % 5)}d`,
        at: `${String(9 + (variant % 4)).padStart(2, '0')}:00`,
      },
      { kind: 'page_visit', url: { op: 'contains', value: `/p${i}` } },
      { kind: 'referrer', referrer: { op: 'contains', value: SOURCES[variant % SOURCES.length] } },
      {
        kind: 'page_count',
        count: 3 + (variant % 3),
        within: '10m',
        distinct: true,
        url: { op: 'starts_with', value: `${BENCH_ORIGIN}/p${variant}` },
      },
    ];
    defs.push({
      name: `Segment ${i}`,
      trigger: kinds[i % kinds.length],
      ...(filters ? { filters } : {}),
      reentry: i % 2 ? 'every' : 'once',
    });
  }
  return defs.map((definition, i) => ({ id: `sg_${i}`, name: definition.name, kind: definition.trigger.kind, createdAt, definition }));
}
