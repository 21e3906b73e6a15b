import { nanos } from '@nats-io/nats-core';
import { AckPolicy, type ConsumerConfig, DeliverPolicy, type JetStreamManager } from '@nats-io/jetstream';
import { entrySubject, STREAM_ENTRIES } from '../bus/names.ts';
import type { Destination } from './types.ts';

/** Prefix of every delivery consumer's name: `liveseg-dst-<destination>-<segment>`. */
export const CONSUMER_PREFIX = 'liveseg-dst-';

/** The durable consumer that delivers one segment's entries to one destination. */
export const deliveryConsumer = (destinationId: string, segmentId: string): string => `${CONSUMER_PREFIX}${destinationId}-${segmentId}`;

/** The destination a delivery consumer belongs to (its name up to the segment id). */
export const destinationOfConsumer = (name: string): string | undefined =>
  name.startsWith(CONSUMER_PREFIX) ? /^dst_[a-z0-9]+/.exec(name.slice(CONSUMER_PREFIX.length))?.[0] : undefined;

/** Settings of the delivery consumers. */
export interface ConsumerSettings {
  /**
   * Unacknowledged for this long, an entry is handed out again (a delivering process died): must
   * exceed the request timeout plus the wait for a concurrency slot.
   */
  ackWaitMs: number;
  /**
   * Entries handed out and not yet acknowledged per consumer, including those waiting for a
   * retry: past it, the consumer pauses (nothing is lost, later entries wait in the stream).
   */
  maxAckPending: number;
}

/** What the deliverer uses by default. */
export const CONSUMER_SETTINGS: ConsumerSettings = { ackWaitMs: 60_000, maxAckPending: 10_000 };

/**
 * Creates (or finds) the durable consumer of one (destination, segment): explicit acks, entries
 * stored from the destination's creation on. One filter subject per consumer, so it works on
 * nats-server 2.9 (multi-filter consumers are 2.10+). Idempotent: every delivering process calls
 * it, and the first one creates it.
 */
export async function ensureDeliveryConsumer(
  jsm: JetStreamManager,
  d: Destination,
  segmentId: string,
  s: ConsumerSettings,
): Promise<string> {
  const name = deliveryConsumer(d.id, segmentId);
  const info = await jsm.consumers.info(STREAM_ENTRIES, name).catch(() => undefined);
  if (info) {
    if (info.config.ack_wait !== nanos(s.ackWaitMs) || info.config.max_ack_pending !== s.maxAckPending) {
      await jsm.consumers.update(STREAM_ENTRIES, name, { ack_wait: nanos(s.ackWaitMs), max_ack_pending: s.maxAckPending });
    }
    return name;
  }
  const config: Partial<ConsumerConfig> = {
    durable_name: name,
    description: `liveseg destination ${d.id}, segment ${segmentId}`,
    filter_subject: entrySubject(segmentId),
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: new Date(d.createdAt).toISOString(),
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(s.ackWaitMs),
    max_ack_pending: s.maxAckPending,
    // Retries are scheduled by the deliverer (nak with a delay) and given up on by attempt count.
    max_deliver: -1,
  };
  await jsm.consumers.add(STREAM_ENTRIES, config);
  return name;
}

/** Deletes the delivery consumers of a destination; missing ones are fine (another process was first). */
export async function deleteDeliveryConsumers(jsm: JetStreamManager, d: Pick<Destination, 'id' | 'segments'>): Promise<void> {
  await Promise.all(d.segments.map((s) => jsm.consumers.delete(STREAM_ENTRIES, deliveryConsumer(d.id, s)).catch(() => false)));
}

/** Names of every delivery consumer on LIVESEG_ENTRIES. */
export async function listDeliveryConsumers(jsm: JetStreamManager): Promise<string[]> {
  const names: string[] = [];
  for await (const c of jsm.consumers.list(STREAM_ENTRIES)) if (c.name.startsWith(CONSUMER_PREFIX)) names.push(c.name);
  return names;
}

/** Entries of a destination not yet handed out, and handed out but not acknowledged (retries waiting among them). */
export async function backlogOf(
  jsm: JetStreamManager,
  d: Pick<Destination, 'id' | 'segments'>,
): Promise<{ pending: number; ackPending: number }> {
  const infos = await Promise.all(
    d.segments.map((s) => jsm.consumers.info(STREAM_ENTRIES, deliveryConsumer(d.id, s)).catch(() => undefined)),
  );
  let pending = 0;
  let ackPending = 0;
  for (const i of infos) {
    pending += i?.num_pending ?? 0;
    ackPending += i?.num_ack_pending ?? 0;
  }
  return { pending, ackPending };
}
