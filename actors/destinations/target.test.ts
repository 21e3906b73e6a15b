import { describe, expect, it } from 'vitest';
import { targetRefusal, urlProblems } from './target.ts';

const closed = (resolve?: (h: string) => Promise<string[]>) => ({ allowPrivate: false, resolve });

describe('urlProblems', () => {
  it('accepts http and https URLs', () => {
    expect(urlProblems('https://hooks.example.com/x?y=1')).toEqual([]);
    expect(urlProblems('http://127.0.0.1:8080/hook')).toEqual([]);
  });
  it('lists what is wrong', () => {
    expect(urlProblems('not a url')).toEqual(['is not a valid URL']);
    expect(urlProblems('ftp://example.com/')).toEqual(['scheme must be http or https, not ftp']);
    expect(urlProblems('https://user:pw@example.com/')).toEqual([
      'must not carry credentials (user:password@); receivers verify the signature instead',
    ]);
    expect(urlProblems(42)).toEqual(['must be an http or https URL']);
    expect(urlProblems(`https://example.com/${'a'.repeat(3000)}`)[0]).toMatch(/at most 2048/);
  });
});

describe('targetRefusal', () => {
  it('refuses private literals and names unless allowed', async () => {
    expect(await targetRefusal('http://127.0.0.1:9/x', closed())).toBe('127.0.0.1 is loopback');
    expect(await targetRefusal('http://[::1]/', closed())).toBe('::1 is loopback');
    expect(await targetRefusal('http://[::ffff:127.0.0.1]/', closed())).toMatch(/loopback/);
    expect(await targetRefusal('http://0.0.0.0/', closed())).toBe('0.0.0.0 is unspecified');
    expect(await targetRefusal('http://localhost:8080/', closed())).toBe('localhost is loopback');
    expect(await targetRefusal('http://169.254.169.254/latest/meta-data', closed())).toMatch(/link-local/);
    expect(await targetRefusal('http://127.0.0.1/', { allowPrivate: true })).toBeUndefined();
  });

  it('judges every address a name resolves to', async () => {
    const dns = async (h: string) => (h === 'inside.example' ? ['93.184.216.34', '10.0.0.7'] : ['93.184.216.34']);
    expect(await targetRefusal('https://inside.example/', closed(dns))).toBe('inside.example resolves to 10.0.0.7 (private)');
    expect(await targetRefusal('https://outside.example/', closed(dns))).toBeUndefined();
    expect(
      await targetRefusal(
        'https://gone.example/',
        closed(() => Promise.reject(new Error('ENOTFOUND'))),
      ),
    ).toBe('gone.example does not resolve');
  });
});
