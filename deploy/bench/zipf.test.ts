import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../demo/random.ts';
import { zipfSampler } from './zipf.ts';

describe('zipfSampler', () => {
  it('draws rank k about twice as often as rank 2k+1 with s = 1', () => {
    const draw = zipfSampler(1000, 1, mulberry32(7));
    const counts = new Array(1000).fill(0);
    for (let i = 0; i < 200_000; i++) counts[draw()]++;
    expect(counts[0] / counts[1]).toBeGreaterThan(1.8);
    expect(counts[0] / counts[1]).toBeLessThan(2.2);
    expect(counts.every((c, k) => k < 1000 && c >= 0)).toBe(true);
  });

  it('stays within range', () => {
    const draw = zipfSampler(3, 0.5, () => 0.999_999);
    expect(draw()).toBe(2);
    expect(zipfSampler(3, 0.5, () => 0)()).toBe(0);
  });
});
