import { CHANNELS, type Channel, type Entry, type Reach } from '../../actors/types.ts';

const DAY_MS = 86_400_000;
/** Entries shown in a report's `recent` (and kept in the aggregate for it). */
export const RECENT = 20;

/** An entry as the gateway reads it from LIVESEG_ENTRIES: its stream sequence is its SSE event id. */
export interface IndexedEntry {
  seq: number;
  segmentId: string;
  userId: string;
  at: number;
  reach: Reach;
}

/** An entry of the projector: `first` when it is the user's first entry in the segment (n = 1). */
export interface ProjectedEntry extends IndexedEntry {
  first: boolean;
}

/** One member of a segment: a user and the time of their first entry. */
export interface Member {
  userId: string;
  at: number;
}

/** The report of docs/http-api.md. */
export interface Report {
  daily: Array<{ day: string; count: number }>;
  reachability: { total: number; channels: Record<Channel, { reachable: number; pct: number }> };
  recent: Array<{ userId: string; at: number; reach: Reach }>;
}

/**
 * A segment's report aggregates as stored in KV `liveseg_reports` under `s.<segmentId>`: O(days)
 * however many entries, and `seq`, the last LIVESEG_ENTRIES sequence applied, which makes
 * applying exactly-once (an entry at or below it is skipped).
 */
export interface Aggregate {
  seq: number;
  /** All entries, re-entries included. */
  entries: number;
  /** Distinct users (first entries). */
  members: number;
  /** Members reachable per channel, counted at each member's first entry. */
  reachable: Record<Channel, number>;
  /** Entries per UTC day number. */
  daily: Record<string, number>;
  /** The latest entries, oldest first (at most RECENT). */
  recent: IndexedEntry[];
}

const NO_REACH: Reach = { email: false, sms: false, whatsapp: false, push: false, web_push: false };
/** Segment ids usable as a KV key token (subjects can carry more than KV keys allow). */
const KEY_TOKEN = /^[-_=a-zA-Z0-9]{1,200}$/;

/** An aggregate with nothing applied. */
export function emptyAggregate(): Aggregate {
  return { seq: 0, entries: 0, members: 0, reachable: { email: 0, sms: 0, whatsapp: 0, push: 0, web_push: 0 }, daily: {}, recent: [] };
}

/** `YYYY-MM-DD` of a UTC day number. */
export const dayString = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** n of an entry's `Nats-Msg-Id` (`<segmentId>:<userId>:<n>`), or undefined when it has none. */
export function entryNumber(msgId: string | undefined): number | undefined {
  if (!msgId) return undefined;
  const tail = msgId.slice(msgId.lastIndexOf(':') + 1);
  return /^[1-9]\d{0,9}$/.test(tail) ? Number(tail) : undefined;
}

/**
 * Reads an entry defensively: the stream is shared, and one odd message must not stop the
 * projection. An entry without a usable `Nats-Msg-Id` counts as an entry but never as a member.
 */
export function readEntry(seq: number, data: Partial<Entry> | null, msgId: string | undefined): ProjectedEntry | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const { segmentId, userId, at, reach } = data;
  if (typeof segmentId !== 'string' || !KEY_TOKEN.test(segmentId) || typeof userId !== 'string' || typeof at !== 'number') return undefined;
  if (!Number.isFinite(at)) return undefined;
  const r = reach && typeof reach === 'object' ? reach : NO_REACH;
  return { seq, segmentId, userId, at, reach: r, first: entryNumber(msgId) === 1 };
}

/** `readEntry` of a stream message; a body that is not JSON is no entry. */
export function readEntryMessage(m: { seq: number; json<T>(): T }, msgId: string | undefined): ProjectedEntry | undefined {
  let data: Partial<Entry> | null = null;
  try {
    data = m.json<Partial<Entry>>();
  } catch {
    /* not JSON: not an entry */
  }
  return readEntry(m.seq, data, msgId);
}

/**
 * Applies entries (in stream order) to an aggregate; entries at or below its `seq` are skipped,
 * so a replayed or twice-read entry is counted once. Returns a new aggregate.
 */
export function applyEntries(agg: Aggregate, entries: readonly ProjectedEntry[]): Aggregate {
  const next: Aggregate = { ...agg, reachable: { ...agg.reachable }, daily: { ...agg.daily }, recent: [...agg.recent] };
  for (const e of entries) {
    if (e.seq <= next.seq) continue;
    next.seq = e.seq;
    next.entries++;
    const day = String(Math.floor(e.at / DAY_MS));
    next.daily[day] = (next.daily[day] ?? 0) + 1;
    if (e.first) {
      next.members++;
      for (const c of CHANNELS) if (e.reach?.[c] === true) next.reachable[c]++;
    }
    next.recent.push({ seq: e.seq, segmentId: e.segmentId, userId: e.userId, at: e.at, reach: e.reach });
  }
  if (next.recent.length > RECENT) next.recent = next.recent.slice(-RECENT);
  return next;
}

/** Parses a stored aggregate; anything malformed reads as undefined (and is rebuilt over). */
export function parseAggregate(text: string): Aggregate | undefined {
  try {
    const v = JSON.parse(text) as Aggregate;
    if (typeof v?.seq !== 'number' || typeof v.members !== 'number' || typeof v.entries !== 'number') return undefined;
    if (!v.reachable || !v.daily || !Array.isArray(v.recent)) return undefined;
    return v;
  } catch {
    return undefined;
  }
}

/**
 * The report as of `now`: `daily` runs from the first complete UTC day after `createdAt` to
 * today inclusive (today is partial), with zero days included.
 */
export function toReport(agg: Aggregate, createdAt: number, now: number): Report {
  const first = Math.ceil(createdAt / DAY_MS);
  const today = Math.floor(now / DAY_MS);
  const daily: Report['daily'] = [];
  for (let d = first; d <= today; d++) daily.push({ day: dayString(d), count: agg.daily[String(d)] ?? 0 });
  const total = agg.members;
  const channels = Object.fromEntries(
    CHANNELS.map((c) => {
      const reachable = agg.reachable[c] ?? 0;
      return [c, { reachable, pct: total === 0 ? 0 : Math.round((1000 * reachable) / total) / 10 }];
    }),
  ) as Report['reachability']['channels'];
  const recent = agg.recent
    .slice(-RECENT)
    .reverse()
    .map((e) => ({ userId: e.userId, at: e.at, reach: e.reach }));
  return { daily, reachability: { total, channels }, recent };
}
