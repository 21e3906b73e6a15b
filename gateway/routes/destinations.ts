import { parseDestinationInput, publicView } from '../../actors/destinations/index.ts';
import type { DestinationStats, StoredDestination } from '../../actors/destinations/types.ts';
import { readJson } from '../body.ts';
import type { OperationHandler } from '../env.ts';
import { badRequest, notFound } from '../errors.ts';
import type { DestinationService } from '../services/destination-service.ts';
import type { SegmentStore } from '../services/segment-store.ts';

/** Largest create body: a name, a URL and up to MAX_DESTINATION_SEGMENTS ids fit well within. */
export const MAX_DESTINATION_BYTES = 16 * 1024;

/** What the destination handlers need. */
export interface DestinationDeps {
  destinations: DestinationService;
  segments: SegmentStore;
}

const missing = (id: string) => notFound(`destination ${JSON.stringify(id.slice(0, 100))}`);

/** The counts a destination is answered with (the stored record also holds latencies and attempts). */
const counts = ({ delivered, retrying, failed, lastError }: DestinationStats): DestinationStats => ({
  delivered,
  retrying,
  failed,
  ...(lastError ? { lastError } : {}),
});

/** Destinations: create (secret shown once), list, read with stats, delete, test (docs/destinations.md). */
export function destinationHandlers(deps: DestinationDeps) {
  const find = async (id: string): Promise<StoredDestination> => {
    const d = await deps.destinations.store.get(id);
    if (!d) throw missing(id);
    return d;
  };
  const segmentName = (id: string) => deps.segments.get(id)?.name ?? '';

  return {
    createDestination: async (c) => {
      const parsed = parseDestinationInput(await readJson(c, MAX_DESTINATION_BYTES), (id) => deps.segments.get(id) !== undefined);
      if (!parsed.ok) {
        throw badRequest('invalid_request', `the destination has ${parsed.problems.length} problem(s)`, parsed.problems);
      }
      const refused = await deps.destinations.refusal(parsed.value.url);
      if (refused) {
        const message = `refused: ${refused}; this gateway only delivers to public addresses (LIVESEG_DESTINATIONS_ALLOW_PRIVATE=1 lifts that)`;
        throw badRequest('invalid_request', 'the destination has 1 problem(s)', [{ path: 'url', message }]);
      }
      const d = await deps.destinations.create(parsed.value);
      return c.json({ ...publicView(d), secret: d.secret }, 201);
    },

    listDestinations: async (c) => {
      const all = await deps.destinations.store.list();
      const destinations = await Promise.all(
        all.map(async (d) => ({ ...publicView(d), stats: counts(await deps.destinations.store.stats(d.id)) })),
      );
      return c.json({ destinations });
    },

    getDestination: async (c) => {
      const d = await find(c.req.param('id')!);
      const s = await deps.destinations.store.stats(d.id);
      const backlog = await deps.destinations.backlog(d);
      return c.json({
        ...publicView(d),
        stats: counts(s),
        recent: [...s.recent].reverse(),
        backlog,
      });
    },

    deleteDestination: async (c) => {
      const id = c.req.param('id')!;
      if (!(await deps.destinations.store.delete(id))) throw missing(id);
      return c.body(null, 204);
    },

    testDestination: async (c) => {
      const d = await find(c.req.param('id')!);
      // An Attempt: its absent status and error are left out of the JSON.
      return c.json(await deps.destinations.test(d, segmentName));
    },
  } satisfies Record<string, OperationHandler>;
}
