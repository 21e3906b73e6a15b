import type { KV } from '@nats-io/kv';
import type { SegmentCatalog } from '../../actors/segments/catalog.ts';
import type { Segment, SegmentDefinition } from '../../actors/types.ts';

const encoder = new TextEncoder();

/** Creates and deletes segments in `liveseg_segments`; reads come from the watched catalog. */
export class SegmentStore {
  constructor(
    private readonly kv: KV,
    readonly catalog: SegmentCatalog,
    private readonly now: () => number,
    private readonly newId: () => string = randomSegmentId,
  ) {}

  /** Stores a validated definition as a new segment; visible to every worker once this resolves. */
  async create(definition: SegmentDefinition): Promise<Segment> {
    const segment: Segment = {
      id: this.newId(),
      name: definition.name,
      kind: definition.trigger.kind,
      createdAt: this.now(),
      definition,
    };
    await this.kv.create(segment.id, encoder.encode(JSON.stringify(segment)));
    await this.catalog.sync();
    return segment;
  }

  /**
   * Stops evaluating a segment; its entries stay in LIVESEG_ENTRIES. False when unknown. A stored
   * value that is not a usable segment (left out of every answer) can be deleted too.
   */
  async delete(id: string): Promise<boolean> {
    if (!this.catalog.get(id) && this.catalog.brokenReason(id) === undefined) return false;
    await this.kv.delete(id);
    await this.catalog.sync();
    return true;
  }

  get(id: string): Segment | undefined {
    return this.catalog.get(id);
  }

  /** Segments newest first, optionally those whose name contains `q` (case-insensitive). */
  list(q?: string): Segment[] {
    const all = this.catalog.list();
    if (!q) return all;
    const needle = q.toLocaleLowerCase();
    return all.filter((s) => s.name.toLocaleLowerCase().includes(needle));
  }
}

/** `sg_` + 16 random base-36 characters: safe as a KV key and as a subject token. */
export function randomSegmentId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `sg_${[...bytes].map((b) => (b % 36).toString(36)).join('')}`;
}
