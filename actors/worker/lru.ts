/**
 * A bounded least-recently-used map whose entries can be pinned: a pinned entry (dirty, or being
 * written) is never evicted, so a reload from the store can never see a stale value.
 */
export class PinnedLru<V> {
  private readonly map = new Map<string, { value: V; pins: number }>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    // Re-insert to mark as most recently used (Map keeps insertion order).
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  set(key: string, value: V): void {
    const e = this.map.get(key);
    if (e) {
      e.value = value;
      return;
    }
    this.map.set(key, { value, pins: 0 });
    this.evict();
  }

  /** Forgets every entry whose key starts with `prefix` (a partition this worker gave up). */
  dropPrefix(prefix: string): void {
    for (const key of this.map.keys()) if (key.startsWith(prefix)) this.map.delete(key);
  }

  pin(key: string): void {
    const e = this.map.get(key);
    if (e) e.pins++;
  }

  unpin(key: string): void {
    const e = this.map.get(key);
    if (e && e.pins > 0) e.pins--;
    this.evict();
  }

  private evict(): void {
    if (this.map.size <= this.capacity) return;
    for (const [key, e] of this.map) {
      if (this.map.size <= this.capacity) return;
      if (e.pins === 0) this.map.delete(key);
    }
  }
}
