import type { OperationHandler } from '../env.ts';
import type { EntryIndex } from '../services/entry-index.ts';
import type { SegmentStore } from '../services/segment-store.ts';
import { findSegment } from './segments.ts';

/** What the report handler needs. */
export interface ReportDeps {
  segments: SegmentStore;
  entries: EntryIndex;
  now: () => number;
}

/** `GET /v1/segments/:id/report`: answered from the cached aggregates, never by scanning members or entries. */
export function reportHandlers(deps: ReportDeps) {
  return {
    getReport: async (c) => {
      const segment = findSegment(deps.segments, c.req.param('id')!);
      await deps.entries.ready();
      return c.json(deps.entries.report(segment.id, segment.createdAt, deps.now()));
    },
  } satisfies Record<string, OperationHandler>;
}
