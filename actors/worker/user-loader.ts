import { UnreadableRecordError } from '../errors.ts';
import type { Program } from '../rules/program.ts';
import { reviveUser, type UserActor, type UserRecord } from '../user/index.ts';
import type { UserSource } from './partition-core.ts';
import type { SnapshotCache } from './snapshot-cache.ts';
import type { PartitionStore } from './user-store.ts';

/** Where loaded users come from besides the store. */
export interface UserLoaderDeps {
  store: PartitionStore;
  cache: SnapshotCache;
  /** The actor of `key` if it has changes not yet written: it, not any stored copy, is the truth. */
  live(key: string): UserActor | undefined;
}

/**
 * The users of one step of the partition core: `want` the keys, `fetch` them, then hand this to
 * the core. Live ones come from the write-behind, hot ones are revived from the snapshot cache,
 * cold ones read from the store in parallel. Actors are revived when the core asks for them, so a
 * corrupt record fails that one user, not the round.
 */
export class UserLoader implements UserSource {
  /** Stored JSON per wanted key ("" = none stored); undefined until fetched. */
  private readonly texts = new Map<string, string | undefined>();
  private readonly revived = new Map<string, UserActor>();

  constructor(private readonly deps: UserLoaderDeps) {}

  /** Forgets the previous step's users. */
  reset(): void {
    this.texts.clear();
    this.revived.clear();
  }

  want(key: string): void {
    if (this.texts.has(key) || this.revived.has(key)) return;
    // A live actor is taken now: a flush finishing during `fetch` would no longer show it as live.
    const live = this.deps.live(key);
    if (live) this.revived.set(key, live);
    else this.texts.set(key, this.deps.cache.get(key));
  }

  /** Reads every wanted key not live and not cached from the store (and caches it). */
  async fetch(): Promise<void> {
    const cold: Array<Promise<void>> = [];
    for (const [key, json] of this.texts) {
      if (json !== undefined) continue;
      cold.push(
        this.deps.store.load(key).then((stored) => {
          const text = stored ?? '';
          this.deps.cache.set(key, text);
          this.texts.set(key, text);
        }),
      );
    }
    await Promise.all(cold);
  }

  actor(key: string, userId: string | undefined, program: Program): UserActor | undefined {
    const known = this.deps.live(key) ?? this.revived.get(key);
    if (known) return known;
    const json = this.texts.get(key);
    if (json === undefined) throw new Error('user not fetched before use');
    const actor = reviveStored(json, userId, program);
    if (actor) this.revived.set(key, actor);
    return actor;
  }

  replace(key: string, userId: string, program: Program): UserActor {
    const actor = reviveUser('', userId, program)!;
    this.revived.set(key, actor);
    return actor;
  }
}

/**
 * `reviveUser`, with a stored record that is not JSON or not shaped like a user record (checked
 * cheaply: it runs on every revive) refused as an UnreadableRecordError carrying the text.
 */
export function reviveStored(json: string, userId: string | undefined, program: Program): UserActor | undefined {
  let actor: UserActor | undefined;
  try {
    actor = reviveUser(json, userId, program);
  } catch (err) {
    throw new UnreadableRecordError(json, err instanceof SyntaxError ? 'is not JSON' : 'could not be revived', { cause: err });
  }
  // A stored `null` or `0` revives as no user at all: refused too.
  if (json && !(actor && isRecord(actor.record))) throw new UnreadableRecordError(json, 'is not a user record');
  return actor;
}

/** The outline of a UserRecord (not every nested value: this runs on every revive). */
function isRecord(v: unknown): boolean {
  if (!isObject(v)) return false;
  const r = v as Partial<Record<keyof UserRecord, unknown>>;
  if (typeof r.userId !== 'string' || typeof r.q !== 'number' || !isObject(r.profile)) return false;
  if (r.h !== undefined && !isObject(r.h)) return false;
  const st = r.state as { value?: unknown; s?: unknown } | undefined;
  return st === undefined || (isObject(st) && isObject(st.value) && isObject(st.s));
}

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
