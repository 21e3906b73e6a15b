import { parseEvent, parseProfileUpdate } from '../../actors/definition/index.ts';
import type { Producer } from '../../actors/bus/producer.ts';
import type { ItemErrorCode } from '../../actors/errors.ts';
import type { Parsed, Problem } from '../../actors/types.ts';
import { readJson } from '../body.ts';
import type { OperationHandler } from '../env.ts';
import { badRequest, HttpError } from '../errors.ts';
import { MAX_BATCH, MAX_BATCH_BYTES } from '../limits.ts';

/** One refused item of a batch. */
export interface Rejection {
  index: number;
  /** Why the item was refused; `unavailable` when NATS could not store it (retry). */
  code: ItemErrorCode | 'invalid_request' | 'unavailable';
  message: string;
  details?: Problem[];
}

/** What the ingest handlers need. */
export interface IngestDeps {
  producer: Producer;
  now: () => number;
  newId: () => string;
  /** Told the outcome of every request (metrics). */
  onResult?: (kind: 'events' | 'profiles', accepted: number, rejected: Rejection[]) => void;
}

/** One validated item of a batch: its value, or its problems and why it was refused. */
type Checked<T> = Parsed<T> & { code?: ItemErrorCode };

/** `POST /v1/events` and `POST /v1/profiles`: validate each item, publish the good ones. */
export function ingestHandlers(deps: IngestDeps) {
  const report = (kind: 'events' | 'profiles', r: { accepted: number; rejected: Rejection[] }) => {
    deps.onResult?.(kind, r.accepted, r.rejected);
    return r;
  };
  return {
    ingestEvents: async (c) => {
      const now = deps.now();
      const result = await ingest(
        await readJson(c, MAX_BATCH_BYTES),
        (item) => parseEvent(item, now, deps.newId),
        (ev) => deps.producer.publishEvent(ev),
      );
      return c.json(report('events', result), 202);
    },
    ingestProfiles: async (c) => {
      const result = await ingest(await readJson(c, MAX_BATCH_BYTES), parseProfileUpdate, (u) =>
        deps.producer.publishProfile(u, deps.newId()),
      );
      return c.json(report('profiles', result), 202);
    },
  } satisfies Record<string, OperationHandler>;
}

async function ingest<T>(body: unknown, parse: (item: unknown) => Checked<T>, publish: (v: T) => Promise<unknown>) {
  if (body === null || typeof body !== 'object') {
    throw badRequest('invalid_request', 'expected a JSON object or an array of objects');
  }
  const checked = batchItems(Array.isArray(body) ? body : [body]).map((item) => parse(item));
  const { accepted, rejected, unstored } = await storeItems(checked, publish);
  if (unstored > 0 && accepted === 0) throw unavailable();
  return { accepted, rejected };
}

/** The items of a batch, refused with 413 when there are more than MAX_BATCH. */
export function batchItems(items: unknown[]): unknown[] {
  if (items.length > MAX_BATCH) {
    throw new HttpError('batch_too_large', `a batch holds at most ${MAX_BATCH} items, got ${items.length}`);
  }
  return items;
}

/** 503: NATS stored nothing; the client should retry. */
export const unavailable = () => new HttpError('unavailable', 'NATS JetStream is not reachable; nothing was stored, retry');

/**
 * Publishes the good items of a validated batch concurrently. Returns the stored count, the
 * refused items in index order (an item NATS could not store is `unavailable`), and how many of
 * those there were, so each route can decide when to answer 503.
 */
export async function storeItems<T>(
  checked: readonly Checked<T>[],
  publish: (v: T) => Promise<unknown>,
): Promise<{ accepted: number; rejected: Rejection[]; unstored: number }> {
  const rejected: Rejection[] = [];
  const good: Array<{ index: number; value: T }> = [];
  checked.forEach((parsed, index) => {
    if (parsed.ok) good.push({ index, value: parsed.value });
    else
      rejected.push({
        index,
        code: parsed.code ?? 'invalid_request',
        message: parsed.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '),
        details: parsed.problems,
      });
  });
  let accepted = 0;
  let unstored = 0;
  await Promise.all(
    good.map((g) =>
      publish(g.value).then(
        () => {
          accepted++;
        },
        () => {
          unstored++;
          rejected.push({ index: g.index, code: 'unavailable', message: 'could not store the item in NATS; retry' });
        },
      ),
    ),
  );
  if (rejected.length > 1) rejected.sort((a, b) => a.index - b.index);
  return { accepted, rejected, unstored };
}
