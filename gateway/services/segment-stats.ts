import { CHANNELS, type Channel, type Reach } from '../../actors/types.ts';

const DAY_MS = 86_400_000;
/** How many of a segment's latest entries are kept for `recent` and for SSE resumption. */
export const REPLAY_LIMIT = 1000;
/** Entries shown in a report's `recent`. */
export const RECENT = 20;

/** An entry as the gateway keeps it: its stream sequence is its SSE event id. */
export interface IndexedEntry {
  seq: number;
  segmentId: string;
  userId: string;
  at: number;
  reach: Reach;
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

/** `YYYY-MM-DD` of a UTC day number. */
export const dayString = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Aggregates of one segment, maintained entry by entry so that a report costs O(days + channels)
 * however many members there are: members in order of first entry, entries per UTC day,
 * reachability counted at each member's first entry, and a ring of the latest entries.
 */
export class SegmentStats {
  /** Distinct users in order of their first entry (append-only, so index cursors stay valid). */
  private readonly ids: string[] = [];
  private readonly ats: number[] = [];
  private readonly seen = new Set<string>();
  private readonly perDay = new Map<number, number>();
  private readonly reachable: Record<Channel, number> = { email: 0, sms: 0, whatsapp: 0, push: 0, web_push: 0 };
  private readonly ring: IndexedEntry[] = [];
  private ringStart = 0;
  /** All entries, counting re-entries. */
  entries = 0;

  get memberCount(): number {
    return this.ids.length;
  }

  add(e: IndexedEntry): void {
    this.entries++;
    const day = Math.floor(e.at / DAY_MS);
    this.perDay.set(day, (this.perDay.get(day) ?? 0) + 1);
    if (!this.seen.has(e.userId)) {
      this.seen.add(e.userId);
      this.ids.push(e.userId);
      this.ats.push(e.at);
      for (const c of CHANNELS) if (e.reach?.[c] === true) this.reachable[c]++;
    }
    if (this.ring.length < REPLAY_LIMIT) this.ring.push(e);
    else {
      this.ring[this.ringStart] = e;
      this.ringStart = (this.ringStart + 1) % REPLAY_LIMIT;
    }
  }

  /** Members oldest first, from position `cursor`; `next` is the cursor of the following page. */
  members(cursor: number, limit: number): { total: number; users: Member[]; next: number | null } {
    const end = Math.min(this.ids.length, cursor + limit);
    const users: Member[] = [];
    for (let i = cursor; i < end; i++) users.push({ userId: this.ids[i], at: this.ats[i] });
    return { total: this.ids.length, users, next: end < this.ids.length ? end : null };
  }

  /** The latest entries, oldest first (at most REPLAY_LIMIT). */
  latest(): IndexedEntry[] {
    return [...this.ring.slice(this.ringStart), ...this.ring.slice(0, this.ringStart)];
  }

  /** Kept entries with a sequence above `seq`, oldest first (SSE resumption). */
  since(seq: number): IndexedEntry[] {
    return this.latest().filter((e) => e.seq > seq);
  }

  /**
   * The report as of `now`: `daily` runs from the first complete UTC day after `createdAt` to
   * today inclusive (today is partial), with zero days included.
   */
  report(createdAt: number, now: number): Report {
    const first = Math.ceil(createdAt / DAY_MS);
    const today = Math.floor(now / DAY_MS);
    const daily: Report['daily'] = [];
    for (let d = first; d <= today; d++) daily.push({ day: dayString(d), count: this.perDay.get(d) ?? 0 });
    const total = this.ids.length;
    const channels = Object.fromEntries(
      CHANNELS.map((c) => [
        c,
        {
          reachable: this.reachable[c],
          pct: total === 0 ? 0 : Math.round((1000 * this.reachable[c]) / total) / 10,
        },
      ]),
    ) as Report['reachability']['channels'];
    const recent = this.latest()
      .slice(-RECENT)
      .reverse()
      .map((e) => ({ userId: e.userId, at: e.at, reach: e.reach }));
    return { daily, reachability: { total, channels }, recent };
  }
}
