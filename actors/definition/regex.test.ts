import { describe, expect, it } from 'vitest';
import { compileRegex, regexProblem } from './regex.ts';
import { compileUrlMatch } from './url.ts';

describe('URL regexes run in linear time', () => {
  // Catastrophic for a backtracking engine: every split of the word is tried before failing.
  const evil = '^https://x\\.com/(\\w+-?)+$';
  const crafted = `https://x.com/${'a'.repeat(50_000)}!`;

  it('a pathological pattern on a crafted 50,000-character URL returns (RegExp would not in our lifetime)', () => {
    expect(regexProblem(evil)).toBeUndefined();
    expect(compileRegex(evil)(crafted)).toBe(false);
    expect(compileRegex(evil)(crafted.slice(0, -1))).toBe(true);
    // Through the engine's URL match, which lets the regex see the first 2,048 characters.
    const craftedNearStart = `https://x.com/${'a'.repeat(2_000)}!${'a'.repeat(48_000)}`;
    expect(compileUrlMatch({ op: 'regex', value: evil })(craftedNearStart)).toBe(false);
  });

  it('a nested-quantifier pattern too', () => {
    expect(compileRegex('^(a|a?)+$')(`${'a'.repeat(50_000)}b`)).toBe(false);
    expect(compileRegex('(.*a){20}')('a'.repeat(5_000))).toBe(true);
  });
});

describe('RE2 agrees with RegExp on the patterns both accept', () => {
  const patterns = [
    'shop',
    '^https://shop\\.example\\.com/(products|collections)/[a-z0-9-]+/?$',
    '^https://(www\\.)?google\\.',
    'example\\.com/?$',
    '/p/\\d+$',
    '[?&]utm_source=(news|mail)',
    '^https?://[^/]+/cart',
    '\\bsale\\b',
    '^HTTPS://',
    '/docs/.*intro',
    'a{2,3}b',
    '(?:/en|/de)/pricing',
    '^$',
    '.',
    '\\w+\\.html$',
  ];
  const urls = [
    'https://shop.example.com/products/blue-shoe',
    'https://shop.example.com/collections/summer-sale/',
    'https://shop.example.com/products/Blue_Shoe',
    'https://www.google.com/search?q=x',
    'https://google.de/',
    'https://example.com',
    'https://example.com/',
    'https://shop.com/p/42',
    'https://shop.com/p/42x',
    'https://a.com/x?utm_source=news&b=1',
    'https://a.com/x?a=1&utm_source=mail',
    'http://a.com/cart/items',
    'https://a.com/big-sale/now',
    'https://a.com/wholesale',
    'https://a.com/docs/v2/intro',
    'https://a.com/aab',
    'https://a.com/aaaab',
    'https://a.com/de/pricing',
    'https://a.com/index.html',
    'https://a.com/päth/ünïcode',
    '',
  ];
  it.each(patterns)('%s', (p) => {
    const re2 = compileRegex(p);
    const js = new RegExp(p);
    for (const u of urls) expect(re2(u), u).toBe(js.test(u));
  });
});
