/**
 * The page-view alphabet of the page_visit, referrer and page_count properties: URLs on
 * shop.example.com and elsewhere, with upper-case hosts, fragments, queries and junk, and URL
 * matches that hinge on normalisation.
 */
import fc from 'fast-check';
import type { UrlMatch } from '../../types.ts';
import { COMMERCE_NAMES, commerceEventArb } from './definitions.ts';
import type { EventBody } from './history.ts';

/** Page URLs: the same page spelled several ways, other pages, other hosts, and unparseable ones. */
export const URLS = [
  'https://shop.example.com/',
  'https://shop.example.com/pricing',
  'https://SHOP.Example.com/pricing#plans',
  'HTTPS://shop.example.com/pricing',
  'https://shop.example.com/Pricing',
  'https://shop.example.com/cart?step=2',
  'http://shop.example.com/cart?step=2#top',
  'https://shop.example.com:8443/pricing',
  'https://blog.example.com/post/1',
  'https://www.google.com/search?q=shoes',
  'not a url',
  '',
] as const;

/** Referrers: search engines and news sites (upper-case, fragments), the shop itself, empty, junk. */
export const REFERRERS = [
  '',
  'https://www.google.com/',
  'https://WWW.Google.com/search?q=shoes#frag',
  'https://news.ycombinator.com/item?id=1',
  'https://shop.example.com/',
  'https://SHOP.EXAMPLE.COM/home',
  'https://shop.example.com:8443/pricing',
  'android-app://com.google.android.gm/',
  'not a url',
] as const;

/** Page views, sometimes without a referrer or with a title. */
export const pageViewArb: fc.Arbitrary<EventBody> = fc
  .record(
    { url: fc.constantFrom(...URLS), referrer: fc.constantFrom(...REFERRERS), title: fc.constantFrom('Home', 'Pricing') },
    { requiredKeys: ['url'] },
  )
  .map((props) => ({ name: '$page_view', props }));

/** Mostly page views, some commerce events for the past filters to count. */
export const pageHistoryEventArb: fc.Arbitrary<EventBody> = fc.oneof(
  { weight: 4, arbitrary: pageViewArb },
  { weight: 1, arbitrary: commerceEventArb },
);

/** Names anchored timestamps may refer to in page histories. */
export const PAGE_NAMES = ['$page_view', ...COMMERCE_NAMES] as const;

/** URL matches on page URLs, several of which only match after normalisation. */
export const pageMatchArb: fc.Arbitrary<UrlMatch> = fc.constantFrom<UrlMatch>(
  { op: 'equals', value: 'https://shop.example.com/pricing' },
  { op: 'equals', value: 'HTTPS://SHOP.EXAMPLE.COM/pricing' },
  { op: 'starts_with', value: 'https://shop.example.com/' },
  { op: 'starts_with', value: 'https://Shop.Example.com/cart' },
  { op: 'contains', value: 'pricing' },
  { op: 'contains', value: 'Pricing' },
  { op: 'contains', value: '#plans' },
  { op: 'regex', value: '^https://shop\\.example\\.com/(pricing|cart)' },
  { op: 'regex', value: 'example\\.com/?$' },
);

/** URL matches on referrers. */
export const referrerMatchArb: fc.Arbitrary<UrlMatch> = fc.constantFrom<UrlMatch>(
  { op: 'contains', value: 'google' },
  { op: 'equals', value: 'https://www.google.com/' },
  { op: 'equals', value: 'https://www.google.com/search?q=shoes' },
  { op: 'starts_with', value: 'https://news.' },
  { op: 'regex', value: '^https://(www\\.)?google\\.' },
  { op: 'contains', value: 'example' },
  { op: 'contains', value: 'frag' },
);
