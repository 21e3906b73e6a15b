/**
 * The pending deadlines of one partition: a binary min-heap of (deadline, user key) with lazy
 * deletion, so rescheduling a user is O(log n) and one timer serves the whole partition. The heap
 * is two parallel arrays (a packed array of doubles and one of keys), not an array of pairs: a
 * pair cost ~50 bytes more per pending window (measured 252 vs 199 bytes a window in all).
 */
export class TimerHeap {
  private deadlines: number[] = [];
  private keys: string[] = [];
  private readonly current = new Map<string, number>();

  get size(): number {
    return this.current.size;
  }

  /** Sets (or with `undefined` clears) the deadline of `key`. */
  schedule(key: string, deadline: number | undefined): void {
    if (deadline === undefined) {
      this.current.delete(key);
      return;
    }
    if (this.current.get(key) === deadline) return;
    this.current.set(key, deadline);
    this.push(deadline, key);
    // Stale entries are skipped on pop; compact when they dominate so memory stays proportional.
    if (this.keys.length > 2 * this.current.size + 1024) this.rebuild();
  }

  deadlineOf(key: string): number | undefined {
    return this.current.get(key);
  }

  /** The earliest live deadline. */
  peek(): number | undefined {
    this.dropStale();
    return this.keys.length ? this.deadlines[0] : undefined;
  }

  /** Removes and returns (at most `max`) keys with their deadlines, due at or before `now`, earliest first. */
  popDue(now: number, max = Infinity): Array<[string, number]> {
    const due: Array<[string, number]> = [];
    while (due.length < max) {
      this.dropStale();
      if (!this.keys.length || this.deadlines[0] > now) return due;
      const key = this.keys[0];
      const deadline = this.deadlines[0];
      this.pop();
      this.current.delete(key);
      due.push([key, deadline]);
    }
    return due;
  }

  private dropStale(): void {
    while (this.keys.length && this.current.get(this.keys[0]) !== this.deadlines[0]) this.pop();
  }

  private rebuild(): void {
    const live = [...this.current].sort((a, b) => a[1] - b[1]);
    this.keys = live.map(([k]) => k);
    this.deadlines = live.map(([, d]) => d);
  }

  private push(deadline: number, key: string): void {
    const d = this.deadlines;
    const k = this.keys;
    let i = k.length;
    d.push(deadline);
    k.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (d[parent] <= deadline) break;
      d[i] = d[parent];
      k[i] = k[parent];
      i = parent;
    }
    d[i] = deadline;
    k[i] = key;
  }

  private pop(): void {
    const d = this.deadlines;
    const k = this.keys;
    const lastD = d.pop()!;
    const lastK = k.pop()!;
    const n = k.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && d[r] < d[l] ? r : l;
      if (d[m] >= lastD) break;
      d[i] = d[m];
      k[i] = k[m];
      i = m;
    }
    d[i] = lastD;
    k[i] = lastK;
  }
}
