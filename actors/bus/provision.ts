import type { NatsConnection } from '@nats-io/nats-core';
import { nanos } from '@nats-io/nats-core';
import { jetstreamManager, RetentionPolicy, StorageType, type StreamConfig } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { LivesegError, PartitionMismatchError } from '../errors.ts';
import {
  BUCKET_CONFIG,
  BUCKET_LEASES,
  BUCKET_SEGMENTS,
  BUCKET_TIMERS,
  BUCKET_USERS,
  DEFAULT_PARTITIONS,
  ENTRIES_WILDCARD,
  IN_WILDCARD,
  STREAM_ENTRIES,
  STREAM_IN,
} from './names.ts';

export interface ProvisionOptions {
  /** Partition count; when absent the stored count (or 16 on a new deployment) is used. */
  partitions?: number;
  /** Stream and bucket replicas (3 on a 3-node cluster). */
  replicas?: number;
  /** Duplicate window of both streams: must cover the longest replay after a crash. */
  duplicateWindowMs?: number;
}

const DEFAULT_DUPLICATE_WINDOW_MS = 10 * 60_000;

/**
 * Creates the streams and KV buckets of docs/nats.md if missing; safe to run any number of times.
 * Returns the deployment's partition count.
 */
export async function provision(nc: NatsConnection, opts: ProvisionOptions = {}): Promise<{ partitions: number }> {
  const replicas = opts.replicas ?? 1;
  const kvm = new Kvm(nc);
  const config = await kvm.create(BUCKET_CONFIG, { history: 1, replicas });
  const stored = await config.get('partitions');
  let partitions: number;
  if (stored && stored.operation === 'PUT') {
    partitions = Number(stored.string());
    if (opts.partitions !== undefined && opts.partitions !== partitions) {
      throw new PartitionMismatchError(partitions, opts.partitions);
    }
  } else {
    partitions = opts.partitions ?? DEFAULT_PARTITIONS;
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > 1024) {
      throw new LivesegError('invalid_partitions', `partitions must be an integer 1–1024, got ${partitions}`);
    }
    // create() fails if another process won the race; then its value is the truth.
    await config.create('partitions', String(partitions)).catch(() => undefined);
    const winner = Number((await config.get('partitions'))?.string());
    if (winner !== partitions) throw new PartitionMismatchError(winner, partitions);
  }

  const window = nanos(opts.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS);
  await ensureStream(nc, {
    name: STREAM_IN,
    subjects: [IN_WILDCARD],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    num_replicas: replicas,
    duplicate_window: window,
  });
  await ensureStream(nc, {
    name: STREAM_ENTRIES,
    subjects: [ENTRIES_WILDCARD],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    num_replicas: replicas,
    duplicate_window: window,
  });
  await kvm.create(BUCKET_SEGMENTS, { history: 1, replicas });
  await kvm.create(BUCKET_USERS, { history: 1, replicas });
  await kvm.create(BUCKET_TIMERS, { history: 1, replicas });
  await kvm.create(BUCKET_LEASES, { history: 1, replicas });
  return { partitions };
}

async function ensureStream(nc: NatsConnection, cfg: Partial<StreamConfig> & { name: string }): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(cfg.name);
  } catch {
    await jsm.streams.add(cfg);
  }
}

/** Reads the partition count of a provisioned deployment. */
export async function readPartitions(nc: NatsConnection): Promise<number> {
  const config = await new Kvm(nc).open(BUCKET_CONFIG);
  const e = await config.get('partitions');
  if (e?.operation !== 'PUT') {
    throw new LivesegError('not_provisioned', 'liveseg streams are not provisioned on this NATS yet');
  }
  return Number(e.string());
}
