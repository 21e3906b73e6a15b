import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { HeapSlack } from './heap-slack.ts';

describe('HeapSlack', () => {
  const policy = () => {
    const flags: string[] = [];
    return { flags, slack: new HeapSlack({ above: 100, below: 50, percent: 50 }, (f) => flags.push(f)) };
  };

  it('bounds heap growth once the pending windows are many, and lifts it when they are few again', () => {
    const { flags, slack } = policy();
    slack.check(0);
    slack.check(99);
    expect(flags).toEqual([]);
    slack.check(100);
    expect(flags).toEqual(['--heap-growing-percent=50']);
    expect(slack.isBounded).toBe(true);
    slack.check(49);
    expect(flags).toEqual(['--heap-growing-percent=50', '--heap-growing-percent=0']);
    expect(slack.isBounded).toBe(false);
  });

  it('does not flap between the thresholds', () => {
    const { flags, slack } = policy();
    for (const n of [120, 80, 60, 50, 110, 70]) slack.check(n);
    expect(flags).toEqual(['--heap-growing-percent=50']);
    for (const n of [30, 60, 90, 40]) slack.check(n);
    expect(flags).toEqual(['--heap-growing-percent=50', '--heap-growing-percent=0']);
  });

  it('sets a flag V8 accepts at run time', () => {
    const slack = new HeapSlack({ above: 1, below: 1, percent: 50 });
    expect(() => {
      slack.check(1);
      slack.check(0);
    }).not.toThrow();
    expect(slack.isBounded).toBe(false);
    expect(v8.getHeapStatistics().total_heap_size).toBeGreaterThan(0);
  });
});
