/** Bytes an entry costs beyond its key and value (Map slot, string headers), roughly. */
const ENTRY_OVERHEAD = 64;

/**
 * The hot users of a worker as stored snapshots: each user's record as the JSON text last read
 * from or written to NATS ("" for a user with no record yet), least recently used first out.
 * Bounded by entry count and by bytes, so a worker's memory does not grow with the users it has
 * ever seen. Text rather than live objects: a hot user costs about its JSON length (~0.3 KB for a
 * pending window) instead of a tree of objects the garbage collector has to trace.
 *
 * Each text ends with the KV revision it was read or written at (`"r"`, see `withRevision`), so a
 * user revived from here is written back conditionally on it, as one read from NATS is.
 *
 * Users with unwritten changes are not here: the write-behind holds them as live actors.
 */
export class SnapshotCache {
  private readonly map = new Map<string, string>();
  /**
   * Where eviction goes on: everything before it is gone. A Map keeps deleted slots as holes until
   * it rehashes, so a fresh iteration per eviction walked over every hole left by the evictions
   * before it: a full cache took ~60 µs per set (17k sets/s instead of 110k+).
   */
  private oldest: Iterator<[string, string]> = this.map.entries();
  private used = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number = Infinity,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** Approximate bytes held. */
  get bytes(): number {
    return this.used;
  }

  get(key: string): string | undefined {
    const json = this.map.get(key);
    if (json === undefined) return undefined;
    // Re-insert to mark as most recently used (a Map keeps insertion order).
    this.map.delete(key);
    this.map.set(key, json);
    return json;
  }

  set(key: string, json: string): void {
    this.delete(key);
    this.map.set(key, json);
    this.used += cost(key, json);
    while ((this.map.size > this.maxEntries || this.used > this.maxBytes) && this.evictOldest());
  }

  delete(key: string): void {
    const json = this.map.get(key);
    if (json === undefined) return;
    this.map.delete(key);
    this.used -= cost(key, json);
  }

  private evictOldest(): boolean {
    let next = this.oldest.next();
    if (next.done) {
      // A finished iterator stays finished, even after new entries: start again from the front.
      this.oldest = this.map.entries();
      next = this.oldest.next();
      if (next.done) return false;
    }
    const [k, v] = next.value;
    this.map.delete(k);
    this.used -= cost(k, v);
    return true;
  }

  /** Forgets every entry whose key starts with `prefix` (a partition this worker gave up). */
  dropPrefix(prefix: string): void {
    for (const key of this.map.keys()) if (key.startsWith(prefix)) this.delete(key);
  }
}

const cost = (key: string, json: string) => key.length + json.length + ENTRY_OVERHEAD;
