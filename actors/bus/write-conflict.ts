import { JetStreamApiError } from '@nats-io/jetstream';

/**
 * JetStream's error codes for a refused `Nats-Expected-Last-Subject-Sequence` (or KV revision):
 * another writer came first. Servers answer with either, by version and path.
 */
export const WRONG_LAST_SEQUENCE_CODES: readonly number[] = [10071, 10164];

/** Whether `err`, thrown by a nats.js publish or KV write, is a refused conditional write. */
export const isWrongLastSequence = (err: unknown): boolean =>
  err instanceof JetStreamApiError && WRONG_LAST_SEQUENCE_CODES.includes(err.code);
