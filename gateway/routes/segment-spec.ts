import type { Producer } from '../../actors/bus/producer.ts';
import { isPlainObject } from '../../actors/definition/validate.ts';
import { readJson } from '../body.ts';
import type { OperationHandler } from '../env.ts';
import { badRequest } from '../errors.ts';
import { type MapContext, type Mapped, mapMessage, type MessageType } from '../ingest/index.ts';
import { MAX_BATCH_BYTES } from '../limits.ts';
import type { SegmentSpecRouteId } from '../spec/index.ts';
import { batchItems, storeItems, unavailable } from './ingest.ts';

/** What became of one message, for metrics. */
export interface MessageOutcome {
  type: MessageType | 'unknown';
  outcome: 'stored' | 'ignored' | 'rejected';
  /** Where a stored message went. */
  kind?: 'events' | 'profiles';
  /** Why a message was rejected. */
  code?: string;
}

/** What the Segment-spec handlers need. */
export interface SegmentSpecDeps {
  producer: Producer;
  now: () => number;
  newId: () => string;
  /** Told what became of every message of a request (metrics). */
  onResult?: (outcomes: MessageOutcome[]) => void;
}

/** The message type each single-message route implies; the batch routes carry their own. */
const ROUTE_TYPES: Record<SegmentSpecRouteId, MessageType | 'batch'> = {
  segmentBatch: 'batch',
  segmentTrack: 'track',
  segmentIdentify: 'identify',
  segmentPage: 'page',
  segmentScreen: 'screen',
  segmentAlias: 'alias',
  segmentGroup: 'group',
  segmentBatchShort: 'batch',
  segmentTrackShort: 'track',
  segmentIdentifyShort: 'identify',
  segmentPageShort: 'page',
  segmentScreenShort: 'screen',
  segmentAliasShort: 'alias',
  segmentGroupShort: 'group',
};

/**
 * `POST /v1/batch`, `/v1/track`, … (and analytics.js's short paths `/v1/b`, `/v1/t`, …): maps each
 * message (gateway/ingest/segment-spec.ts) and stores the good ones. Answers 200 with the bad ones
 * listed: SDKs resend on 5xx and 429, never on a 200, so a bad message must not fail its batch.
 * When NATS could not store some message, 503: the SDK resends the whole batch, and its
 * messageIds (the events' ids) make that store nothing twice.
 */
export function segmentSpecHandlers(deps: SegmentSpecDeps): Record<SegmentSpecRouteId, OperationHandler> {
  const publish = (m: Mapped): Promise<unknown> =>
    m.kind === 'event'
      ? deps.producer.publishEvent(m.event)
      : m.kind === 'profile'
        ? deps.producer.publishProfile(m.update, m.id)
        : Promise.resolve();

  const handler =
    (route: MessageType | 'batch'): OperationHandler =>
    async (c) => {
      const body = await readJson(c, MAX_BATCH_BYTES);
      const ctx: MapContext = { now: deps.now(), newId: deps.newId };
      let items: unknown[];
      if (route === 'batch') {
        if (!isPlainObject(body) || !Array.isArray(body.batch)) throw badRequest('invalid_request', 'expected { "batch": [ messages ] }');
        items = batchItems(body.batch);
        ctx.sentAt = body.sentAt;
        ctx.context = body.context;
      } else {
        if (!isPlainObject(body)) throw badRequest('invalid_request', `expected one ${route} message as a JSON object`);
        items = [body];
        ctx.type = route;
      }
      const mapped = items.map((item) => mapMessage(item, ctx));
      const { accepted, rejected, unstored } = await storeItems(mapped, publish);
      deps.onResult?.(outcomes(mapped, new Set(rejected.map((r) => r.index))));
      if (unstored > 0) throw unavailable();
      return c.json({ success: true, accepted, rejected }, 200);
    };

  return Object.fromEntries(Object.entries(ROUTE_TYPES).map(([id, route]) => [id, handler(route)])) as Record<
    SegmentSpecRouteId,
    OperationHandler
  >;
}

function outcomes(mapped: ReturnType<typeof mapMessage>[], refused: Set<number>): MessageOutcome[] {
  return mapped.map((r, i): MessageOutcome => {
    if (!r.ok) return { type: r.type ?? 'unknown', outcome: 'rejected', code: r.code };
    const { type, kind } = r.value;
    if (kind === 'ignored') return { type, outcome: 'ignored' };
    if (refused.has(i)) return { type, outcome: 'rejected', code: 'unavailable' };
    return { type, outcome: 'stored', kind: kind === 'event' ? 'events' : 'profiles' };
  });
}
