import { Hono } from 'hono';
import { describeDefinition, parseDefinition } from '../../actors/definition/index.ts';
import type { Segment } from '../../actors/types.ts';
import { readJson } from '../body.ts';
import { badRequest, notFound } from '../errors.ts';
import type { EntryIndex } from '../services/entry-index.ts';
import type { SegmentStore } from '../services/segment-store.ts';

const MAX_DEFINITION_BYTES = 64 * 1024;
const MAX_PAGE = 1000;

export interface SegmentDeps {
  segments: SegmentStore;
  entries: EntryIndex;
}

/** The segment resource as answered by `GET /v1/segments/:id` and `POST /v1/segments`. */
const present = (s: Segment) => ({
  id: s.id, name: s.name, kind: s.kind, createdAt: s.createdAt,
  definition: s.definition, description: describeDefinition(s.definition),
});

/** Segment CRUD and members. */
export function segmentRoutes(deps: SegmentDeps): Hono {
  const app = new Hono();
  const find = (id: string) => {
    const s = deps.segments.get(id);
    if (!s) throw notFound(`segment ${JSON.stringify(id.slice(0, 100))}`);
    return s;
  };

  app.post('/v1/segments', async (c) => {
    const parsed = parseDefinition(await readJson(c, MAX_DEFINITION_BYTES));
    if (!parsed.ok) {
      throw badRequest('invalid_definition', `the segment definition has ${parsed.problems.length} problem(s)`, parsed.problems);
    }
    return c.json(present(await deps.segments.create(parsed.value)), 201);
  });

  app.get('/v1/segments', (c) => {
    const q = c.req.query('q')?.slice(0, 200);
    const segments = deps.segments.list(q).map((s) => ({
      id: s.id, name: s.name, kind: s.kind, createdAt: s.createdAt, members: deps.entries.memberCount(s.id),
    }));
    return c.json({ segments });
  });

  app.get('/v1/segments/:id', (c) => c.json(present(find(c.req.param('id')))));

  app.delete('/v1/segments/:id', async (c) => {
    const id = c.req.param('id');
    if (!(await deps.segments.delete(id))) throw notFound(`segment ${JSON.stringify(id.slice(0, 100))}`);
    return c.body(null, 204);
  });

  app.get('/v1/segments/:id/members', async (c) => {
    const segment = find(c.req.param('id'));
    const limit = intParam(c.req.query('limit'), 'limit', 100, 1, MAX_PAGE);
    const cursor = intParam(c.req.query('cursor'), 'cursor', 0, 0, Number.MAX_SAFE_INTEGER);
    await deps.entries.ready();
    const page = deps.entries.members(segment.id, cursor, limit);
    return c.json({ total: page.total, users: page.users, next: page.next === null ? null : String(page.next) });
  });

  return app;
}

function intParam(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,16}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw badRequest('invalid_request', `${name} must be an integer from ${min} to ${max}`,
      [{ path: name, message: `must be an integer from ${min} to ${max}` }]);
  }
  return Number(raw);
}
