import { Hono } from 'hono';
import { parseEvent, parseProfileUpdate } from '../../actors/definition/index.ts';
import type { Producer } from '../../actors/bus/producer.ts';
import type { Problem } from '../../actors/types.ts';
import { readJson } from '../body.ts';
import { badRequest, HttpError } from '../errors.ts';

export const MAX_BATCH = 1000;
export const MAX_BATCH_BYTES = 1024 * 1024;

export interface IngestDeps {
  producer: Producer;
  now: () => number;
  newId: () => string;
}

interface Rejection {
  index: number;
  code: string;
  message: string;
  details?: Problem[];
}

type Parse<T> = (item: unknown) => { ok: true; value: T } | { ok: false; problems: Problem[]; code?: string };

/** `POST /v1/events` and `POST /v1/profiles`: validate each item, publish the good ones. */
export function ingestRoutes(deps: IngestDeps): Hono {
  const app = new Hono();
  app.post('/v1/events', async (c) => {
    const now = deps.now();
    const result = await ingest(await readJson(c, MAX_BATCH_BYTES),
      (item) => parseEvent(item, now, deps.newId), (ev) => deps.producer.publishEvent(ev));
    return c.json(result, 202);
  });
  app.post('/v1/profiles', async (c) => {
    const result = await ingest(await readJson(c, MAX_BATCH_BYTES),
      parseProfileUpdate, (u) => deps.producer.publishProfile(u, deps.newId()));
    return c.json(result, 202);
  });
  return app;
}

async function ingest<T>(body: unknown, parse: Parse<T>, publish: (v: T) => Promise<unknown>) {
  if (body === null || typeof body !== 'object') {
    throw badRequest('invalid_request', 'expected a JSON object or an array of objects');
  }
  const items = Array.isArray(body) ? body : [body];
  if (items.length > MAX_BATCH) {
    throw new HttpError(413, 'batch_too_large', `a batch holds at most ${MAX_BATCH} items, got ${items.length}`);
  }
  const rejected: Rejection[] = [];
  const good: Array<{ index: number; value: T }> = [];
  items.forEach((item, index) => {
    const parsed = parse(item);
    if (parsed.ok) good.push({ index, value: parsed.value });
    else rejected.push({
      index,
      code: parsed.code ?? 'invalid_request',
      message: parsed.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '),
      details: parsed.problems,
    });
  });
  const results = await Promise.allSettled(good.map((g) => publish(g.value)));
  let accepted = 0;
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') accepted++;
    else rejected.push({ index: good[i].index, code: 'unavailable', message: 'could not store the item in NATS; retry' });
  });
  if (good.length > 0 && accepted === 0) {
    throw new HttpError(503, 'unavailable', 'NATS JetStream is not reachable; nothing was stored, retry');
  }
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, rejected };
}
