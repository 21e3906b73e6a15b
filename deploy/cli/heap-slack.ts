import v8 from 'node:v8';

/**
 * How much a worker's V8 heap may outgrow its live data between full collections. V8 lets a heap
 * grow to up to ~4× its live size; a worker holding many pending windows then carries ~1.3 KB per
 * window instead of ~0.35 KB. Bounding growth to 50% keeps that tight but makes full collections
 * more frequent: a worker draining a backlog with few windows pending was ~15% slower for it
 * (deploy/bench, processing phase). So growth is bounded only while the windows are many.
 */
export interface HeapSlackOptions {
  /** Pending windows at or above which heap growth is bounded. */
  above: number;
  /** Back to V8's own growth below this (hysteresis, so the flag does not flap). */
  below: number;
  /** Growth allowed while bounded, in percent of the live heap. */
  percent: number;
}

export const HEAP_SLACK: HeapSlackOptions = { above: 50_000, below: 25_000, percent: 50 };

/** Switches V8's heap growth as the pending windows cross the thresholds; `check` is called periodically. */
export class HeapSlack {
  private bounded = false;

  constructor(
    private readonly o: HeapSlackOptions = HEAP_SLACK,
    private readonly setFlags: (flags: string) => void = v8.setFlagsFromString,
  ) {}

  /** Whether growth is bounded now. */
  get isBounded(): boolean {
    return this.bounded;
  }

  check(pendingWindows: number): void {
    const bound = this.bounded ? pendingWindows >= this.o.below : pendingWindows >= this.o.above;
    if (bound === this.bounded) return;
    // 0 is V8's default: a dynamic factor from the measured GC and mutator speeds.
    this.setFlags(`--heap-growing-percent=${bound ? this.o.percent : 0}`);
    this.bounded = bound;
  }
}
