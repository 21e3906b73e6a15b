import type { KV } from '@nats-io/kv';
import { MAX_SEGMENT_STATE_BYTES, segmentStateBytes } from '../../actors/definition/index.ts';
import { LivesegError } from '../../actors/errors.ts';
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

  /**
   * Stores a validated definition as a new segment; visible to every worker once this resolves.
   * Refused (`segment_limit`) when the live segments' worst-case state per user would then pass
   * what a user record may hold: that sum is what keeps every record under its cap.
   */
  async create(definition: SegmentDefinition): Promise<Segment> {
    const live = this.catalog.list().reduce((sum, s) => sum + segmentStateBytes(s.definition), 0);
    const adds = segmentStateBytes(definition);
    if (live + adds > MAX_SEGMENT_STATE_BYTES) {
      throw new LivesegError(
        'segment_limit',
        `the live segments may keep up to ${live} bytes per user and this one ${adds} more, past the ${MAX_SEGMENT_STATE_BYTES} ` +
          'a user record has room for: delete a segment first, or use smaller past-filter counts',
      );
    }
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
