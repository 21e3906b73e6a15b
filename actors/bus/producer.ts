import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, type JetStreamClient, type PubAck } from '@nats-io/jetstream';
import type { LiveEvent, ProfileUpdate } from '../types.ts';
import { eventSubject, profileSubject } from './names.ts';
import { partitionOf } from './partition.ts';
import { readPartitions } from './provision.ts';

const encoder = new TextEncoder();

/** Publishes validated events and profile updates to the right partition of LIVESEG_IN. */
export class Producer {
  constructor(
    private readonly js: JetStreamClient,
    readonly partitions: number,
  ) {}

  /** Publishes one event; its `id` is the `Nats-Msg-Id`, so a retry is dropped by the stream. */
  publishEvent(ev: LiveEvent): Promise<PubAck> {
    const p = partitionOf(ev.userId, this.partitions);
    return this.js.publish(eventSubject(p), encoder.encode(JSON.stringify(ev)), { msgID: ev.id });
  }

  /** Publishes one profile update; `id` must be unique per update. */
  publishProfile(update: ProfileUpdate, id: string = crypto.randomUUID()): Promise<PubAck> {
    const p = partitionOf(update.userId, this.partitions);
    return this.js.publish(profileSubject(p), encoder.encode(JSON.stringify(update)), { msgID: id });
  }
}

/** A producer for a provisioned deployment (reads its partition count from `liveseg_config`). */
export async function createProducer(nc: NatsConnection): Promise<Producer> {
  return new Producer(jetstream(nc), await readPartitions(nc));
}
