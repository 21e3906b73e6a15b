/**
 * The pending deadlines of one partition: a binary min-heap of (deadline, user key) with lazy
 * deletion, so rescheduling a user is O(log n) and one timer serves the whole partition.
 */
export class TimerHeap {
  private heap: Array<[number, string]> = [];
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
    this.push([deadline, key]);
    // Stale entries are skipped on pop; compact when they dominate so memory stays proportional.
    if (this.heap.length > 2 * this.current.size + 1024) this.rebuild();
  }

  deadlineOf(key: string): number | undefined {
    return this.current.get(key);
  }

  /** The earliest live deadline. */
  peek(): number | undefined {
    this.dropStale();
    return this.heap[0]?.[0];
  }

  /** Removes and returns (at most `max`) keys with their deadlines, due at or before `now`, earliest first. */
  popDue(now: number, max = Infinity): Array<[string, number]> {
    const due: Array<[string, number]> = [];
    while (due.length < max) {
      this.dropStale();
      const top = this.heap[0];
      if (!top || top[0] > now) return due;
      this.pop();
      this.current.delete(top[1]);
      due.push([top[1], top[0]]);
    }
    return due;
  }

  private dropStale(): void {
    while (this.heap.length && this.current.get(this.heap[0][1]) !== this.heap[0][0]) this.pop();
  }

  private rebuild(): void {
    this.heap = [...this.current].map(([k, d]) => [d, k] as [number, string]).sort((a, b) => a[0] - b[0]);
  }

  private push(item: [number, string]): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent][0] <= h[i][0]) break;
      [h[parent], h[i]] = [h[i], h[parent]];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l][0] < h[m][0]) m = l;
      if (r < h.length && h[r][0] < h[m][0]) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }
}
