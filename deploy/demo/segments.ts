/** The segments `liveseg dev` creates so a newcomer sees every trigger kind fill with demo traffic. */
import type { SegmentDefinition } from '../../actors/types.ts';

const SHOP = 'https://shop.example.com';

/** Demo segments: at least one per trigger kind, all valid per docs/formats.md. */
export const DEMO_SEGMENTS: SegmentDefinition[] = [
  {
    name: 'Added to cart but no charge within 10 minutes',
    trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '10m' },
  },
  {
    // The 10-minute window is the marketer's real case; this one shows entries within a minute.
    name: 'Added to cart but no charge within 30 seconds',
    trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '30s' },
  },
  {
    // "every" with a cooldown: a big spender re-enters, but not on every click.
    name: 'High-value cart adds',
    trigger: { kind: 'action', event: 'Added To Cart', where: [{ prop: 'price', op: 'gte', value: 100 }] },
    reentry: 'every',
    cooldown: '5m',
  },
  {
    name: 'Visited pricing page',
    trigger: { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } },
  },
  {
    name: 'Arrived from Google',
    trigger: { kind: 'referrer', referrer: { op: 'contains', value: 'google.' } },
  },
  {
    name: 'Browsed 5 product pages in 10 minutes',
    trigger: {
      kind: 'page_count',
      count: 5,
      within: '10m',
      distinct: true,
      url: { op: 'starts_with', value: `${SHOP}/products/` },
    },
  },
  {
    name: 'Appointment in 5 days',
    trigger: { kind: 'datetime', property: 'appointment_at', offset: '-5d' },
  },
  {
    name: 'Pune app users with a recent cart',
    trigger: { kind: 'action', event: 'App Launched' },
    filters: {
      past: [{ did: 'Added To Cart', inLast: '7d' }],
      profile: [{ prop: 'city', op: 'eq', value: 'Pune' }],
    },
  },
];
