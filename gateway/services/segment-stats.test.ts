import { describe, expect, it } from 'vitest';
import type { Reach } from '../../actors/types.ts';
import { RECENT, REPLAY_LIMIT, SegmentStats, dayString } from './segment-stats.ts';

const DAY = 86_400_000;
const none: Reach = { email: false, sms: false, whatsapp: false, push: false, web_push: false };
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('SegmentStats', () => {
  const make = (list: Array<[string, number, Partial<Reach>?]>) => {
    const s = new SegmentStats();
    list.forEach(([userId, at, r], i) => void s.add({ seq: i + 1, segmentId: 's', userId, at, reach: { ...none, ...r } }));
    return s;
  };

  it('counts entries per UTC day from the first complete day after creation, zero days included', () => {
    const created = day('2026-01-01') + 10 * 3600_000;
    const s = make([
      ['u1', created + 3600_000],
      ['u2', day('2026-01-02') + 1],
      ['u3', day('2026-01-02') + DAY - 1],
      ['u2', day('2026-01-04') + 5],
      ['u4', day('2026-01-04') + 6],
    ]);
    expect(s.report(created, day('2026-01-04') + 15 * 3600_000).daily).toEqual([
      { day: '2026-01-02', count: 2 },
      { day: '2026-01-03', count: 0 },
      { day: '2026-01-04', count: 2 },
    ]);
    expect(s.entries).toBe(5);
    expect(s.memberCount).toBe(4);
  });

  it('starts on the creation day when created exactly at midnight, and is empty on the creation day otherwise', () => {
    const s = make([['u1', day('2026-03-01') + 5]]);
    expect(s.report(day('2026-03-01'), day('2026-03-01') + 1000).daily).toEqual([{ day: '2026-03-01', count: 1 }]);
    expect(s.report(day('2026-03-01') + 1, day('2026-03-01') + 1000).daily).toEqual([]);
  });

  it('counts reachability over members at their first entry', () => {
    const s = make([
      ['a', 1, { email: true }],
      ['b', 2, { email: true, sms: true }],
      ['a', 3, { sms: true, push: true }],
      ['c', 4],
    ]);
    const r = s.report(0, 10).reachability;
    expect(r.total).toBe(3);
    expect(r.channels.email).toEqual({ reachable: 2, pct: 66.7 });
    expect(r.channels.sms).toEqual({ reachable: 1, pct: 33.3 });
    expect(r.channels.push).toEqual({ reachable: 0, pct: 0 });
    expect(new SegmentStats().report(0, 0).reachability.channels.web_push).toEqual({ reachable: 0, pct: 0 });
  });

  it('keeps the latest entries newest first in recent, and replays after a sequence', () => {
    const s = make(Array.from({ length: REPLAY_LIMIT + 50 }, (_, i) => [`u${i}`, i] as [string, number]));
    const recent = s.report(0, 0).recent;
    expect(recent).toHaveLength(RECENT);
    expect(recent[0].userId).toBe(`u${REPLAY_LIMIT + 49}`);
    expect(s.since(REPLAY_LIMIT + 47).map((e) => e.seq)).toEqual([REPLAY_LIMIT + 48, REPLAY_LIMIT + 49, REPLAY_LIMIT + 50]);
    expect(s.since(0)).toHaveLength(REPLAY_LIMIT);
  });

  it('pages members in order of first entry, stable while new members append', () => {
    const s = make([
      ['a', 1],
      ['b', 2],
      ['a', 3],
      ['c', 4],
    ]);
    const p1 = s.members(0, 2);
    expect(p1).toEqual({
      total: 3,
      users: [
        { userId: 'a', at: 1 },
        { userId: 'b', at: 2 },
      ],
      next: 2,
    });
    s.add({ seq: 9, segmentId: 's', userId: 'd', at: 9, reach: none });
    expect(s.members(p1.next!, 2)).toEqual({
      total: 4,
      users: [
        { userId: 'c', at: 4 },
        { userId: 'd', at: 9 },
      ],
      next: null,
    });
  });

  it('formats UTC days', () => {
    expect(dayString(0)).toBe('1970-01-01');
    expect(dayString(Math.floor(day('2026-12-31') / DAY))).toBe('2026-12-31');
  });
});
