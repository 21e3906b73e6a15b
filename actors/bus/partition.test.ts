import { describe, expect, it } from 'vitest';
import { fnv1a32, partitionOf } from './partition.ts';

describe('fnv1a32', () => {
  // Reference vectors of 32-bit FNV-1a (offset 2166136261, prime 16777619).
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
    ['u-42', 0x80efa5a1],
  ])('hashes %j', (s, h) => {
    expect(fnv1a32(s)).toBe(h);
  });

  it('hashes UTF-8 bytes, not UTF-16 code units', () => {
    // "é" is C3 A9 in UTF-8: ((2166136261 ^ 0xc3) * p ^ 0xa9) * p mod 2^32.
    let h = 2166136261;
    for (const b of [0xc3, 0xa9]) h = Number((BigInt(h ^ b) * 16777619n) % 2n ** 32n) >>> 0;
    expect(fnv1a32('é')).toBe(h);
  });
});

describe('partitionOf', () => {
  it('is the hash modulo the partition count', () => {
    expect(partitionOf('a', 16)).toBe(0xe40c292c % 16);
    expect(partitionOf('foobar', 7)).toBe(0xbf9cf968 % 7);
  });

  it('spreads users evenly enough', () => {
    const counts = new Array(16).fill(0);
    for (let i = 0; i < 16000; i++) counts[partitionOf(`user-${i}`, 16)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });
});
