import type { NatsConnection } from '@nats-io/nats-core';
import { nanos } from '@nats-io/nats-core';
import {
  JetStreamApiError,
  jetstreamManager,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { formatDuration } from '../definition/duration.ts';
import { LivesegError, PartitionMismatchError } from '../errors.ts';
import {
  BUCKET_CONFIG,
  BUCKET_DESTINATIONS,
  BUCKET_LEASES,
  BUCKET_REPORTS,
  BUCKET_SEGMENTS,
  BUCKET_TIMERS,
  BUCKET_USERS,
  DEFAULT_PARTITIONS,
  DLQ_MAX_AGE_MS,
  DLQ_MAX_BYTES,
  DLQ_WILDCARD,
  ENTRIES_WILDCARD,
  IN_WILDCARD,
  MEMBERS_WILDCARD,
  RATES_MAX_AGE_MS,
  RATES_SUBJECT,
  STREAM_DLQ,
  STREAM_ENTRIES,
  STREAM_IN,
  STREAM_MEMBERS,
  STREAM_RATES,
} from './names.ts';

export interface ProvisionOptions {
  /** Partition count; when absent the stored count (or 16 on a new deployment) is used. */
  partitions?: number;
  /**
   * Stream and bucket replicas (3 on a 3-node cluster). Absent: 1 for what is created, and what
   * exists keeps its own; given: what exists is brought to it.
   */
  replicas?: number;
  /** Duplicate window of both streams: must cover the longest replay after a crash. */
  duplicateWindowMs?: number;
  /**
   * How long LIVESEG_IN keeps an input, in ms (0: forever). Absent: DEFAULT_INPUT_RETENTION_MS
   * for a new stream, and an existing stream keeps its own; given: an existing stream is updated.
   */
  inputRetentionMs?: number;
  /** How long LIVESEG_ENTRIES keeps an entry, in ms (0: forever, the default for a new stream); as above. */
  entriesRetentionMs?: number;
}

/** What `provision` did: every stream (KV buckets by their stream name) it created, found or changed. */
export interface ProvisionReport {
  partitions: number;
  created: string[];
  found: string[];
  /** One line per change of an existing stream, e.g. `LIVESEG_IN: retention 30 days (was 7 days)`. */
  updated: string[];
}

/** Covers retried publishes and replays after a crash; entries stay unique past it too (see PartitionStore). */
const DEFAULT_DUPLICATE_WINDOW_MS = 30 * 60_000;
/** Inputs are kept for a week unless `liveseg init --input-retention` says otherwise. */
export const DEFAULT_INPUT_RETENTION_MS = 7 * 86_400_000;

/** Whether `err` is JetStream's "stream not found". */
export const isStreamNotFound = (err: unknown): boolean => err instanceof JetStreamApiError && err.code === 10059;

/**
 * Creates the streams and KV buckets of docs/nats.md if missing; safe to run any number of times.
 * Existing streams are left as they are except where an option is given explicitly (retention,
 * replicas). Returns the deployment's partition count.
 */
export async function provision(nc: NatsConnection, opts: ProvisionOptions = {}): Promise<{ partitions: number }> {
  const { partitions } = await provisionWithReport(nc, opts);
  return { partitions };
}

/** `provision`, also saying what it created, found or changed (what `liveseg init` prints). */
export async function provisionWithReport(nc: NatsConnection, opts: ProvisionOptions = {}): Promise<ProvisionReport> {
  const report: ProvisionReport = { partitions: 0, created: [], found: [], updated: [] };
  const replicas = opts.replicas ?? 1;
  const window = opts.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
  for (const [flag, ms] of [
    ['--input-retention', opts.inputRetentionMs],
    ['--entries-retention', opts.entriesRetentionMs],
  ] as const) {
    // nats-server refuses a max age below the duplicate window.
    if (ms !== undefined && ms !== 0 && ms < window) {
      throw new LivesegError('bad_arguments', `${flag} must be at least the duplicate window (${formatDuration(window)}), or forever`);
    }
  }
  const jsm = await jetstreamManager(nc);
  const kvm = new Kvm(nc);
  const bucket = async (name: string) => {
    await ensureStream({ name: `KV_${name}` }, report, { replicas: opts.replicas, create: false, jsm });
    return kvm.create(name, { history: 1, replicas });
  };

  const config = await bucket(BUCKET_CONFIG);
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
  report.partitions = partitions;

  await ensureStream(
    {
      name: STREAM_IN,
      subjects: [IN_WILDCARD],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: replicas,
      duplicate_window: nanos(window),
      max_age: nanos(opts.inputRetentionMs ?? DEFAULT_INPUT_RETENTION_MS),
    },
    report,
    { replicas: opts.replicas, maxAgeMs: opts.inputRetentionMs, jsm },
  );
  await ensureStream(
    {
      name: STREAM_ENTRIES,
      subjects: [ENTRIES_WILDCARD],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: replicas,
      duplicate_window: nanos(window),
      max_age: nanos(opts.entriesRetentionMs ?? 0),
    },
    report,
    { replicas: opts.replicas, maxAgeMs: opts.entriesRetentionMs, jsm },
  );
  // Dead letters (docs/dead-letters.md): bounded by age and size.
  await ensureStream(
    {
      name: STREAM_DLQ,
      subjects: [DLQ_WILDCARD],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: replicas,
      duplicate_window: nanos(window),
      max_age: nanos(DLQ_MAX_AGE_MS),
      max_bytes: DLQ_MAX_BYTES,
    },
    report,
    { replicas: opts.replicas, jsm },
  );
  // Members in order of first entry: no age limit, so entry retention never changes members.
  await ensureStream(
    {
      name: STREAM_MEMBERS,
      subjects: [MEMBERS_WILDCARD],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: replicas,
      duplicate_window: nanos(window),
    },
    report,
    { replicas: opts.replicas, jsm },
  );
  // The rate chart's history: every gateway publishes each bucket, Nats-Msg-Id keeps one.
  await ensureStream(
    {
      name: STREAM_RATES,
      subjects: [RATES_SUBJECT],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: replicas,
      duplicate_window: nanos(2 * 60_000),
      max_age: nanos(RATES_MAX_AGE_MS),
    },
    report,
    { replicas: opts.replicas, jsm },
  );
  await bucket(BUCKET_SEGMENTS);
  await bucket(BUCKET_USERS);
  await bucket(BUCKET_TIMERS);
  await bucket(BUCKET_LEASES);
  await bucket(BUCKET_DESTINATIONS);
  await bucket(BUCKET_REPORTS);
  return report;
}

const retention = (ns: number) => (ns ? formatDuration(Math.round(ns / 1e6)) : 'forever');

/**
 * Creates the stream if missing (unless `create` is false: KV buckets are created by Kvm); an
 * existing one is updated where `replicas` or `maxAgeMs` is given and differs.
 */
async function ensureStream(
  cfg: Partial<StreamConfig> & { name: string },
  report: ProvisionReport | undefined,
  o: { replicas?: number; maxAgeMs?: number; create?: boolean; jsm: JetStreamManager },
): Promise<void> {
  const jsm = o.jsm;
  let info: StreamInfo;
  try {
    info = await jsm.streams.info(cfg.name);
  } catch (err) {
    if (!isStreamNotFound(err)) throw err;
    if (o.create !== false) await jsm.streams.add(cfg);
    report?.created.push(cfg.name);
    return;
  }
  report?.found.push(cfg.name);
  const change: Partial<StreamConfig> = {};
  const said: string[] = [];
  if (o.replicas !== undefined && info.config.num_replicas !== o.replicas) {
    change.num_replicas = o.replicas;
    said.push(`${o.replicas} replicas (was ${info.config.num_replicas})`);
  }
  if (o.maxAgeMs !== undefined && info.config.max_age !== nanos(o.maxAgeMs)) {
    change.max_age = nanos(o.maxAgeMs);
    said.push(`retention ${retention(change.max_age)} (was ${retention(info.config.max_age)})`);
  }
  if (said.length === 0) return;
  await jsm.streams.update(cfg.name, change);
  report?.updated.push(`${cfg.name}: ${said.join(', ')}`);
}

/** The current retention of a stream as text ("7 days", "forever"), for `liveseg init` to print. */
export async function streamRetention(jsm: JetStreamManager, name: string): Promise<string> {
  return retention((await jsm.streams.info(name)).config.max_age);
}

/**
 * Reads the partition count of a provisioned deployment; `not_provisioned` (naming `liveseg init`)
 * when there is none.
 */
export async function readPartitions(nc: NatsConnection): Promise<number> {
  const notProvisioned = (cause?: unknown) =>
    new LivesegError(
      'not_provisioned',
      'liveseg is not provisioned on this NATS: run `liveseg init` (as a NATS user allowed to create streams) first',
      { cause },
    );
  const config = await new Kvm(nc).open(BUCKET_CONFIG);
  let e: Awaited<ReturnType<typeof config.get>>;
  try {
    e = await config.get('partitions');
  } catch (err) {
    throw isStreamNotFound(err) ? notProvisioned(err) : err;
  }
  if (e?.operation !== 'PUT') throw notProvisioned();
  return Number(e.string());
}
