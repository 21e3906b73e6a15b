import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { UrlMatch } from '../types.ts';
import { compileUrlMatch, hostOf, isExternalReferrer, MAX_MATCHED_URL_LENGTH, normaliseUrl } from './url.ts';

describe('normaliseUrl', () => {
  it.each([
    ['HTTPS://Example.COM/Pricing?Plan=Pro#Top', 'https://example.com/Pricing?Plan=Pro'],
    ['https://example.com', 'https://example.com'],
    ['http://example.com:80/a', 'http://example.com:80/a'],
    ['https://User:PaSS@Shop.Example.com/x', 'https://User:PaSS@shop.example.com/x'],
    ['https://example.com/a%20b', 'https://example.com/a%20b'],
    ['https://example.com/a b', 'https://example.com/a b'],
    ['https://example.com?q=1', 'https://example.com?q=1'],
    ['https://EXAMPLE.com#frag', 'https://example.com'],
    ['  https://example.com/x  ', 'https://example.com/x'],
    ['Android-App://com.Google.x/path', 'android-app://com.google.x/path'],
    ['mailto:Someone@Example.com', 'mailto:Someone@Example.com'],
  ])('%s → %s', (input, want) => {
    expect(normaliseUrl(input)).toBe(want);
  });

  it.each(['', '/pricing', 'example.com/x', 'https://', 'http://exa mple.com', 'not a url'])('rejects %j', (u) => {
    expect(normaliseUrl(u)).toBeUndefined();
  });

  // A small hand-made URL generator: fc.webUrl() is slow to set up and never mixes case.
  const word = fc.string({ unit: fc.constantFrom(...'aBcDeF09-_%~'), minLength: 1, maxLength: 6 });
  const url = fc
    .record({
      scheme: fc.constantFrom('http', 'HTTPS', 'Https', 'ftp'),
      host: fc.array(fc.string({ unit: fc.constantFrom(...'aBcXyZ019'), minLength: 1, maxLength: 5 }), { maxLength: 2 }),
      // An all-digit last label would make the URL parser read an IPv4 address.
      tld: fc.constantFrom('com', 'Org', 'IO'),
      port: fc.option(fc.integer({ min: 1, max: 65535 })),
      path: fc.array(word, { maxLength: 3 }),
      query: fc.option(word),
      hash: fc.option(word),
    })
    .map(
      (u) =>
        `${u.scheme}://${[...u.host, u.tld].join('.')}${u.port === null ? '' : `:${u.port}`}/${u.path.join('/')}` +
        `${u.query === null ? '' : `?${u.query}`}${u.hash === null ? '' : `#${u.hash}`}`,
    );

  it('is idempotent, lower-cases scheme and host only, and drops the fragment', () => {
    fc.assert(
      fc.property(url, (u) => {
        const once = normaliseUrl(u);
        expect(once).toBeDefined();
        expect(normaliseUrl(once!)).toBe(once);
        expect(once!.includes('#')).toBe(false);
        const path = u.slice(u.indexOf('/', u.indexOf('//') + 2)).split('#')[0];
        expect(once!.endsWith(path)).toBe(true);
        expect(once!.slice(0, once!.length - path.length)).toBe(once!.slice(0, once!.length - path.length).toLowerCase());
      }),
    );
  });
});

describe('hostOf', () => {
  it('returns the host with a non-default port, lower-cased', () => {
    expect(hostOf('https://WWW.Example.com/x')).toBe('www.example.com');
    expect(hostOf('https://example.com:443/x')).toBe('example.com');
    expect(hostOf('http://example.com:8080/x')).toBe('example.com:8080');
    expect(hostOf('nope')).toBeUndefined();
  });
});

describe('isExternalReferrer', () => {
  it.each([
    ['https://shop.com/a', 'https://www.google.com/search?q=x', true],
    ['https://shop.com/a', 'https://SHOP.com/b', false],
    ['https://shop.com/a', 'https://blog.shop.com/b', true],
    ['https://shop.com/a', '', false],
    ['https://shop.com/a', '   ', false],
    ['https://shop.com/a', undefined, false],
    ['https://shop.com/a', 'garbage', false],
    ['garbage', 'https://google.com', false],
  ])('%s from %j → %s', (url, ref, want) => {
    expect(isExternalReferrer(url, ref)).toBe(want);
  });
});

describe('compileUrlMatch', () => {
  const cases: Array<[UrlMatch, string, boolean]> = [
    [{ op: 'equals', value: 'https://shop.com/pricing' }, 'HTTPS://Shop.com/pricing#plans', true],
    [{ op: 'equals', value: 'https://Shop.com/pricing' }, 'https://shop.com/pricing', true],
    [{ op: 'equals', value: 'https://shop.com/pricing' }, 'https://shop.com/pricing/', false],
    [{ op: 'equals', value: 'https://shop.com/pricing' }, 'https://shop.com/Pricing', false],
    [{ op: 'equals', value: '/pricing' }, 'https://shop.com/pricing', false],
    [{ op: 'contains', value: '/pricing' }, 'https://shop.com/en/pricing?x=1', true],
    [{ op: 'contains', value: 'shop.com' }, 'https://SHOP.COM/', true],
    [{ op: 'contains', value: 'plans' }, 'https://shop.com/pricing#plans', false],
    [{ op: 'starts_with', value: 'https://Shop.com/docs' }, 'https://shop.com/docs/intro', true],
    [{ op: 'starts_with', value: 'https://shop.com/docs' }, 'http://shop.com/docs/intro', false],
    [{ op: 'regex', value: '^https://shop\\.com/p/\\d+$' }, 'https://Shop.com/p/42#reviews', true],
    [{ op: 'regex', value: '^https://shop\\.com/p/\\d+$' }, 'https://shop.com/p/abc', false],
    [{ op: 'contains', value: 'x' }, 'not a url x', false],
  ];
  it.each(cases)('%j on %s → %s', (m, url, want) => {
    expect(compileUrlMatch(m)(url)).toBe(want);
  });

  it('lets a regex see the first 2,048 characters of the URL', () => {
    const base = 'https://shop.com/';
    const url = (n: number, tail = '') => `${base}${'a'.repeat(n - base.length)}${tail}`;
    expect(MAX_MATCHED_URL_LENGTH).toBe(2048);
    expect(compileUrlMatch({ op: 'regex', value: 'b$' })(url(MAX_MATCHED_URL_LENGTH - 1, 'b'))).toBe(true);
    expect(compileUrlMatch({ op: 'regex', value: 'b$' })(url(MAX_MATCHED_URL_LENGTH, 'b'))).toBe(false);
    expect(compileUrlMatch({ op: 'regex', value: '^https://shop\\.com/a+$' })(url(30_000, '?x=1'))).toBe(true);
    // The other ops are plain string tests and see the whole URL.
    expect(compileUrlMatch({ op: 'contains', value: 'b' })(url(30_000, 'b'))).toBe(true);
  });

  it('compiles a regex once and stays stateless between calls', () => {
    const match = compileUrlMatch({ op: 'regex', value: 'shop' });
    expect([1, 2, 3].map(() => match('https://shop.com/'))).toEqual([true, true, true]);
  });
});
