import type { KV, Kvm } from '@nats-io/kv';
import { BUCKET_DESTINATIONS } from '../bus/names.ts';
import { isStreamNotFound } from '../bus/provision.ts';
import { LivesegError } from '../errors.ts';
import { newSecret } from './signature.ts';
import { mergeStats, readStats } from './stats.ts';
import type { Destination, DestinationInput, StoredDestination, StoredStats } from './types.ts';

const encoder = new TextEncoder();

/** Key of a destination's definition (with its secret) in `liveseg_destinations`. */
export const definitionKey = (id: string): string => `def.${id}`;
/** Key of a destination's stats, written by every delivering process. */
export const statsKey = (id: string): string => `stats.${id}`;
/** The key filter of every definition. */
export const DEFINITIONS = 'def.>';
/** Ids that can be a key token; anything else names no destination. */
const ID = /^[-\w]{1,64}$/;

/** `dst_` + 16 random base-36 characters: safe as a KV key token and inside a consumer name. */
export function randomDestinationId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `dst_${[...bytes].map((b) => (b % 36).toString(36)).join('')}`;
}

/** A destination without its secret: what the API may show. */
export const publicView = (d: Destination): Destination => ({
  id: d.id,
  name: d.name,
  url: d.url,
  segments: [...d.segments],
  createdAt: d.createdAt,
});

/** A stored definition read defensively: undefined unless it has every field a deliverer needs. */
export function readDestination(text: string): StoredDestination | undefined {
  try {
    const d = JSON.parse(text) as StoredDestination;
    const ok =
      typeof d?.id === 'string' &&
      typeof d.name === 'string' &&
      typeof d.url === 'string' &&
      typeof d.secret === 'string' &&
      typeof d.createdAt === 'number' &&
      Array.isArray(d.segments) &&
      d.segments.every((s) => typeof s === 'string');
    return ok ? d : undefined;
  } catch {
    return undefined;
  }
}

/** Attempts of a compare-and-set before a stats write gives up (the counts are kept for the next flush). */
const CAS_TRIES = 10;

/**
 * Destinations and their stats in the `liveseg_destinations` bucket. Stats are one record per
 * destination that every delivering process adds its counts to with compare-and-set, so any
 * gateway reads the same totals.
 */
export class DestinationStore {
  constructor(
    readonly kv: KV,
    private readonly now: () => number = () => Date.now(),
    private readonly newId: () => string = randomDestinationId,
  ) {}

  /** Stores a new destination with a fresh secret; deliverers pick it up from their watch. */
  async create(input: DestinationInput): Promise<StoredDestination> {
    const d: StoredDestination = { id: this.newId(), ...input, createdAt: this.now(), secret: newSecret() };
    await this.kv.create(definitionKey(d.id), encoder.encode(JSON.stringify(d)));
    return d;
  }

  async get(id: string): Promise<StoredDestination | undefined> {
    if (!ID.test(id)) return undefined;
    const e = await this.kv.get(definitionKey(id));
    return e?.operation === 'PUT' ? readDestination(e.string()) : undefined;
  }

  /** Every destination, newest first. */
  async list(): Promise<StoredDestination[]> {
    const out: StoredDestination[] = [];
    for await (const key of await this.kv.keys(DEFINITIONS)) {
      const d = await this.get(key.slice(definitionKey('').length));
      if (d) out.push(d);
    }
    return out.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  }

  /** Removes a destination and its stats; false when there was none. Deliverers stop on seeing it. */
  async delete(id: string): Promise<boolean> {
    if (!ID.test(id)) return false;
    const e = await this.kv.get(definitionKey(id));
    if (e?.operation !== 'PUT') return false;
    await this.kv.purge(definitionKey(id));
    await this.kv.purge(statsKey(id));
    return true;
  }

  async stats(id: string): Promise<StoredStats> {
    const e = await this.kv.get(statsKey(id));
    return readStats(e?.operation === 'PUT' ? e.string() : undefined);
  }

  /** Adds a process's counts to the stored stats (compare-and-set, retried on a concurrent write). */
  async addStats(id: string, delta: StoredStats): Promise<void> {
    let last: unknown;
    for (let i = 0; i < CAS_TRIES; i++) {
      const e = await this.kv.get(statsKey(id));
      const stored = readStats(e?.operation === 'PUT' ? e.string() : undefined);
      const value = encoder.encode(JSON.stringify(mergeStats(stored, delta)));
      try {
        // A purged key has a revision too: updating it at that revision is the compare-and-set.
        if (e) await this.kv.update(statsKey(id), value, e.revision);
        else await this.kv.create(statsKey(id), value);
        return;
      } catch (err) {
        last = err;
      }
    }
    throw new Error('stats write kept conflicting', { cause: last });
  }
}

/**
 * Opens the destinations bucket: `not_provisioned` (naming `liveseg init`) on a deployment
 * provisioned before destinations existed.
 */
export async function openDestinationStore(kvm: Kvm, now?: () => number): Promise<DestinationStore> {
  try {
    return new DestinationStore(await kvm.open(BUCKET_DESTINATIONS), now);
  } catch (err) {
    if (!isStreamNotFound(err)) throw err;
    throw new LivesegError('not_provisioned', `the ${BUCKET_DESTINATIONS} bucket is missing: run \`liveseg init\` again to add it`, {
      cause: err,
    });
  }
}
