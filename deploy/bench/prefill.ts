/** Load-model traffic, serialised once, published to LIVESEG_IN (or a scratch copy) as fast as JetStream takes it. */
import type { NatsConnection } from '@nats-io/nats-core';
import { eventSubject, profileSubject } from '../../actors/bus/names.ts';
import { partitionOf } from '../../actors/bus/partition.ts';
import { AckPublisher } from '../../gateway/services/index.ts';
import { createLoadModel, type LoadModelOptions } from './load-model.ts';
import { pipeline } from './pipeline.ts';
import { createProgress } from './progress.ts';

/** One message ready to publish: partition, kind, payload and de-duplication id. */
export interface Prepared {
  partition: number;
  kind: 'ev' | 'pr';
  data: Uint8Array;
  id: string;
}

const encoder = new TextEncoder();

/** `count` items of the load model, serialised (events and profile updates as the model mixes them). */
export function prepare(count: number, partitions: number, model: LoadModelOptions): Prepared[] {
  const m = createLoadModel(model);
  return Array.from({ length: count }, () => {
    const item = m.next();
    return item.kind === 'event'
      ? {
          partition: partitionOf(item.event.userId, partitions),
          kind: 'ev',
          data: encoder.encode(JSON.stringify(item.event)),
          id: item.event.id,
        }
      : {
          partition: partitionOf(item.profile.userId, partitions),
          kind: 'pr',
          data: encoder.encode(JSON.stringify(item.profile)),
          id: item.id,
        };
  });
}

/** Publishes every message to `subject(message)`, with a progress bar; resolves with messages/s. */
export async function publishPrepared(
  nc: NatsConnection,
  msgs: Prepared[],
  label: string,
  subject: (m: Prepared) => string = inputSubject,
): Promise<number> {
  const acks = new AckPublisher(nc, 30_000);
  const progress = createProgress(label, msgs.length, 'msgs');
  try {
    const ms = await pipeline(
      msgs,
      (m) => acks.publish(subject(m), m.data, { msgID: m.id }),
      2000,
      (n) => progress.update(n),
    );
    progress.update(msgs.length);
    progress.done();
    return msgs.length / (ms / 1000);
  } finally {
    acks.stop();
  }
}

/** The LIVESEG_IN subject of a prepared message (docs/nats.md). */
export const inputSubject = (m: Prepared): string => (m.kind === 'ev' ? eventSubject(m.partition) : profileSubject(m.partition));
