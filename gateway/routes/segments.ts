import { describeDefinition, parseDefinition } from '../../actors/definition/index.ts';
import type { Segment } from '../../actors/types.ts';
import { readJson } from '../body.ts';
import type { OperationHandler } from '../env.ts';
import { badRequest, notFound } from '../errors.ts';
import { MAX_DEFINITION_BYTES } from '../limits.ts';
import type { EntryIndex } from '../services/entry-index.ts';
import type { SegmentStore } from '../services/segment-store.ts';

/** What the segment handlers need. */
export interface SegmentDeps {
  segments: SegmentStore;
  entries: EntryIndex;
}

/** The segment resource as answered by `GET /v1/segments/:id` and `POST /v1/segments`. */
const present = (s: Segment) => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  createdAt: s.createdAt,
  definition: s.definition,
  description: describeDefinition(s.definition),
});

/** A live segment by id, or 404 (deleted segments are gone for the API; their entries stay). */
export function findSegment(segments: SegmentStore, id: string): Segment {
  const s = segments.get(id);
  if (!s) throw notFound(`segment ${JSON.stringify(id.slice(0, 100))}`);
  return s;
}

/** Segment CRUD and members. */
export function segmentHandlers(deps: SegmentDeps) {
  return {
    createSegment: async (c) => {
      const parsed = parseDefinition(await readJson(c, MAX_DEFINITION_BYTES));
      if (!parsed.ok) {
        throw badRequest('invalid_definition', `the segment definition has ${parsed.problems.length} problem(s)`, parsed.problems);
      }
      return c.json(present(await deps.segments.create(parsed.value)), 201);
    },

    listSegments: async (c) => {
      await deps.entries.ready();
      const segments = deps.segments.list(c.get('params').q as string | undefined).map((s) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        createdAt: s.createdAt,
        members: deps.entries.memberCount(s.id),
      }));
      return c.json({ segments });
    },

    getSegment: (c) => c.json(present(findSegment(deps.segments, c.req.param('id')!))),

    deleteSegment: async (c) => {
      const id = c.req.param('id')!;
      if (!(await deps.segments.delete(id))) throw notFound(`segment ${JSON.stringify(id.slice(0, 100))}`);
      return c.body(null, 204);
    },

    listMembers: async (c) => {
      const segment = findSegment(deps.segments, c.req.param('id')!);
      const { limit, cursor } = c.get('params') as { limit: number; cursor: number };
      await deps.entries.ready();
      const page = await deps.entries.members(segment.id, cursor, limit);
      return c.json({ total: page.total, users: page.users, next: page.next === null ? null : String(page.next) });
    },
  } satisfies Record<string, OperationHandler>;
}
