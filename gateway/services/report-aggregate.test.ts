import { describe, expect, it } from 'vitest';
import type { Reach } from '../../actors/types.ts';
import {
  applyEntries,
  emptyAggregate,
  entryNumber,
  parseAggregate,
  type ProjectedEntry,
  RECENT,
  readEntry,
  toReport,
} from './report-aggregate.ts';

const DAY = 86_400_000;
const JAN1 = Date.UTC(2026, 0, 1);
const reach = (...on: Array<keyof Reach>): Reach => ({
  email: on.includes('email'),
  sms: on.includes('sms'),
  whatsapp: on.includes('whatsapp'),
  push: on.includes('push'),
  web_push: on.includes('web_push'),
});
const entry = (seq: number, userId: string, at: number, first: boolean, r = reach()): ProjectedEntry => ({
  seq,
  segmentId: 'sg_a',
  userId,
  at,
  reach: r,
  first,
});

describe('report aggregates', () => {
  it('counts entries per day, members and reachability at first entry', () => {
    const agg = applyEntries(emptyAggregate(), [
      entry(1, 'u1', JAN1 + 3600_000, true, reach('email')),
      entry(2, 'u2', JAN1 + DAY, true, reach('email', 'sms')),
      entry(5, 'u1', JAN1 + DAY + 1, false, reach('push')),
    ]);
    expect(agg).toMatchObject({ seq: 5, entries: 3, members: 2 });
    expect(agg.reachable).toEqual({ email: 2, sms: 1, whatsapp: 0, push: 0, web_push: 0 });
    const report = toReport(agg, JAN1 - 1000, JAN1 + DAY + 5000);
    expect(report.daily).toEqual([
      { day: '2026-01-01', count: 1 },
      { day: '2026-01-02', count: 2 },
    ]);
    expect(report.reachability.total).toBe(2);
    expect(report.reachability.channels.sms).toEqual({ reachable: 1, pct: 50 });
    expect(report.recent.map((e) => e.userId)).toEqual(['u1', 'u2', 'u1']);
  });

  it('never counts an entry twice: a replay at or below the applied sequence is skipped', () => {
    const batch = [entry(1, 'u1', JAN1, true), entry(2, 'u2', JAN1, true)];
    const once = applyEntries(emptyAggregate(), batch);
    expect(applyEntries(once, batch)).toEqual(once);
    const partly = applyEntries(once, [...batch, entry(3, 'u3', JAN1, true)]);
    expect(partly).toMatchObject({ seq: 3, entries: 3, members: 3 });
  });

  it('does not change the aggregate it is given', () => {
    const a = emptyAggregate();
    applyEntries(a, [entry(1, 'u1', JAN1, true, reach('email'))]);
    expect(a).toEqual(emptyAggregate());
  });

  it('keeps only the latest entries for recent', () => {
    const many = Array.from({ length: 50 }, (_, i) => entry(i + 1, `u${i}`, JAN1 + i, true));
    const agg = applyEntries(emptyAggregate(), many);
    expect(agg.recent).toHaveLength(RECENT);
    expect(toReport(agg, JAN1, JAN1).recent[0].userId).toBe('u49');
  });

  it('starts daily at the first complete UTC day after creation, zero days included', () => {
    const agg = applyEntries(emptyAggregate(), [entry(1, 'u1', JAN1 + 3 * DAY, true)]);
    const r = toReport(agg, JAN1 + 3600_000, JAN1 + 3 * DAY + 10);
    expect(r.daily.map((d) => d.day)).toEqual(['2026-01-02', '2026-01-03', '2026-01-04']);
    expect(r.daily.map((d) => d.count)).toEqual([0, 0, 1]);
    expect(toReport(emptyAggregate(), JAN1 + 10, JAN1 + 20).daily).toEqual([]);
  });

  it('reads n from the Nats-Msg-Id, user ids with colons included', () => {
    expect(entryNumber('sg_a:u1:1')).toBe(1);
    expect(entryNumber('sg_a:mailto:a@b.c:12')).toBe(12);
    for (const bad of [undefined, '', 'sg_a:u1', 'sg_a:u1:0', 'sg_a:u1:x', 'sg_a:u1:01', 'sg_a:u1:-1', 'sg_a:u1:99999999999']) {
      expect(entryNumber(bad)).toBeUndefined();
    }
  });

  it('reads entries defensively', () => {
    expect(readEntry(7, { segmentId: 'sg_a', userId: 'u', at: 5, reach: reach('sms') }, 'sg_a:u:1')).toMatchObject({ seq: 7, first: true });
    expect(readEntry(7, { segmentId: 'sg_a', userId: 'u', at: 5 }, 'sg_a:u:2')).toMatchObject({ first: false, reach: reach() });
    expect(readEntry(7, { segmentId: 'sg_a', userId: 'u', at: 5 }, undefined)?.first).toBe(false);
    for (const bad of [
      null,
      {},
      { segmentId: 'sg_a', userId: 'u' },
      { segmentId: 'a.b', userId: 'u', at: 1 },
      { segmentId: 'sg_a', userId: 3, at: 1 },
    ]) {
      expect(readEntry(1, bad as never, 'x:y:1')).toBeUndefined();
    }
    expect(readEntry(1, { segmentId: 'sg_a', userId: 'u', at: Number.NaN }, 'x:y:1')).toBeUndefined();
  });

  it('parses stored aggregates and refuses malformed ones', () => {
    const agg = applyEntries(emptyAggregate(), [entry(1, 'u1', JAN1, true)]);
    expect(parseAggregate(JSON.stringify(agg))).toEqual(agg);
    for (const bad of [
      '',
      'nope',
      'null',
      '{}',
      '{"seq":1}',
      '{"seq":"1","members":1,"entries":1,"reachable":{},"daily":{},"recent":[]}',
    ]) {
      expect(parseAggregate(bad)).toBeUndefined();
    }
  });
});
