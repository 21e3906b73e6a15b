import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../actors/clock.ts';
import { eventually, startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';
import { publishEntries, reach } from './helpers.ts';

const DAY = 86_400_000;
const JAN1 = Date.UTC(2026, 0, 1);

describe('GET /v1/segments/:id/report', () => {
  let sys: TestSystem;
  const clock = new ManualClock(JAN1 + 10 * 3600_000);

  beforeAll(async () => {
    // No worker: entries are published directly, with chosen times, to a gateway on a manual clock.
    sys = await startTestSystem({ partitions: 2, clock, worker: false });
  }, 30_000);
  afterAll(async () => {
    await sys?.stop();
  });

  it('reports daily entries, reachability at first entry and the latest entries', async () => {
    const seg = (await sys.http('POST', '/v1/segments', { name: 'Report me', trigger: { kind: 'action', event: 'X' } })).json;
    expect(seg.createdAt).toBe(clock.now());
    const empty = await sys.http('GET', `/v1/segments/${seg.id}/report`);
    expect(empty.status).toBe(200);
    expect(empty.json.daily).toEqual([]); // the creation day is not complete
    expect(empty.json.reachability.total).toBe(0);
    expect(empty.json.recent).toEqual([]);

    await publishEntries(
      sys.nc,
      [
        { segmentId: seg.id, userId: 'u1', at: JAN1 + 12 * 3600_000, reach: reach('email') },
        { segmentId: seg.id, userId: 'u2', at: JAN1 + DAY + 3600_000, reach: reach('email', 'sms') },
        { segmentId: seg.id, userId: 'u3', at: JAN1 + DAY + 5 * 3600_000, reach: reach() },
        { segmentId: seg.id, userId: 'u2', n: 2, at: JAN1 + 3 * DAY + 60_000, reach: reach('push') },
        { segmentId: seg.id, userId: 'u4', at: JAN1 + 3 * DAY + 120_000, reach: reach('whatsapp', 'sms') },
        { segmentId: 'sg_other', userId: 'u9', at: JAN1 + 3 * DAY, reach: reach('email') },
      ].sort((a, b) => a.at - b.at),
    );
    clock.set(JAN1 + 3 * DAY + 15 * 3600_000);
    const report = await eventually(async () => {
      const r = await sys.http('GET', `/v1/segments/${seg.id}/report`);
      return r.json.reachability.total === 4 ? r.json : undefined;
    });
    expect(report.daily).toEqual([
      { day: '2026-01-02', count: 2 },
      { day: '2026-01-03', count: 0 },
      { day: '2026-01-04', count: 2 },
    ]);
    expect(report.reachability.channels).toEqual({
      email: { reachable: 2, pct: 50 },
      sms: { reachable: 2, pct: 50 },
      whatsapp: { reachable: 1, pct: 25 },
      push: { reachable: 0, pct: 0 },
      web_push: { reachable: 0, pct: 0 },
    });
    expect(report.recent.map((e: { userId: string }) => e.userId)).toEqual(['u4', 'u2', 'u3', 'u2', 'u1']);
    expect(report.recent[0]).toEqual({ userId: 'u4', at: JAN1 + 3 * DAY + 120_000, reach: reach('whatsapp', 'sms') });
  });

  it('answers 404 for unknown and deleted segments', async () => {
    expect((await sys.http('GET', '/v1/segments/nope/report')).status).toBe(404);
    const seg = (await sys.http('POST', '/v1/segments', { name: 'Gone', trigger: { kind: 'action', event: 'X' } })).json;
    await sys.http('DELETE', `/v1/segments/${seg.id}`);
    const res = await sys.http('GET', `/v1/segments/${seg.id}/report`);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });
});
