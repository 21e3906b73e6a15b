import { describe, it } from 'vitest';
import type { SegmentDefinition } from '../../types.ts';
import { entry, expectEntries, T, view } from './fixtures.ts';

const pricing: SegmentDefinition = {
  name: 'Pricing',
  trigger: { kind: 'page_visit', url: { op: 'equals', value: 'https://shop.example.com/pricing' } },
};
const fromGoogle: SegmentDefinition = {
  name: 'From Google',
  trigger: { kind: 'referrer', referrer: { op: 'contains', value: 'google' } },
  reentry: 'every',
};

describe('page_visit and referrer: URLs are normalised', () => {
  it('matches with an upper-case scheme and host and a fragment', () => {
    expectEntries(pricing, [view('HTTPS://SHOP.Example.com/pricing#plans', T, { id: 'p' })], [entry(T, 'p')]);
  });

  it('keeps the path case and the query', () => {
    expectEntries(pricing, [view('https://shop.example.com/Pricing', T), view('https://shop.example.com/pricing?x=1', T + 1)], []);
  });

  it('needs an external referrer: same host (in any case) or empty does not count', () => {
    const views = [
      view('https://www.google.com/search', T, { referrer: 'https://WWW.GOOGLE.com/' }),
      view('https://shop.example.com/', T + 1, { referrer: '' }),
      view('https://shop.example.com/', T + 2, { referrer: 'https://www.Google.com/#q', id: 'g' }),
    ];
    expectEntries(fromGoogle, views, [entry(T + 2, 'g')]);
  });
});

const PRICING = 'https://shop.example.com/pricing';
const count = (extra: object): SegmentDefinition =>
  ({ name: 'Browsing', trigger: { kind: 'page_count', count: 3, ...extra }, reentry: 'every' }) as SegmentDefinition;

describe('page_count: the view that brings the count to exactly count', () => {
  it('enters at the third view and restarts the count', () => {
    const views = [0, 1, 2, 3, 4, 5].map((i) => view(PRICING, T + i, { id: `v${i}` }));
    expectEntries(count({}), views, [entry(T + 2, 'v2'), entry(T + 5, 'v5', 2)]);
  });

  it('with within, counts views with ts in (view.ts − within, view.ts]', () => {
    const at = (ts: number, id: string) => view(PRICING, ts, { id });
    expectEntries(count({ within: '1m' }), [at(T, 'a'), at(T + 30_000, 'b'), at(T + 60_000, 'c')], []);
    expectEntries(count({ within: '1m' }), [at(T, 'a'), at(T + 30_000, 'b'), at(T + 59_999, 'c')], [entry(T + 59_999, 'c')]);
  });

  it('with distinct, counts distinct normalised URLs', () => {
    const views = [
      view(PRICING, T),
      view('HTTPS://Shop.Example.com/pricing#faq', T + 1),
      view('https://shop.example.com/cart', T + 2),
      view('https://shop.example.com/', T + 3, { id: 'third' }),
    ];
    expectEntries(count({ distinct: true }), views, [entry(T + 3, 'third')]);
  });

  it('counts only views stamped at or after the segment creation', () => {
    const views = [view(PRICING, T - 1, { arrival: T + 1 }), view(PRICING, T + 2), view(PRICING, T + 3)];
    expectEntries(count({}), views, [], T);
  });
});
