import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../actors/clock.ts';
import { eventually, startTestSystem } from '../../deploy/testing/system.ts';
import { publishEntries, reach } from './helpers.ts';

describe('a full restart on the same data dir', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liveseg-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps segments, members, profiles and the once-only rule', async () => {
    let sys = await startTestSystem({ dataDir, partitions: 4 });
    const seg = await sys.http('POST', '/v1/segments', { name: 'Launchers', trigger: { kind: 'action', event: 'App Launched' } });
    await sys.http('POST', '/v1/profiles', { userId: 'r1', props: { phone: '+4915100000' } });
    await sys.http('POST', '/v1/events', [
      { id: 'r1-a', userId: 'r1', name: 'App Launched' },
      { userId: 'r2', name: 'App Launched' },
    ]);
    await eventually(async () => (await sys.http('GET', `/v1/segments/${seg.json.id}/members`)).json.total === 2);
    const before = (await sys.http('GET', `/v1/segments/${seg.json.id}/members`)).json;
    await sys.stop({ keepData: true });

    sys = await startTestSystem({ dataDir, partitions: 4 });
    try {
      expect((await sys.http('GET', '/v1/segments')).json.segments.map((s: { name: string }) => s.name)).toEqual(['Launchers']);
      expect((await sys.http('GET', `/v1/segments/${seg.json.id}/members`)).json).toEqual(before);
      await sys.http('POST', '/v1/events', [
        { userId: 'r1', name: 'App Launched' },
        { userId: 'r3', name: 'App Launched' },
      ]);
      await eventually(async () => (await sys.http('GET', `/v1/segments/${seg.json.id}/members`)).json.total === 3);
      const entries = (await sys.entries()).filter((e) => e.userId === 'r1');
      expect(entries).toHaveLength(1);
      expect(entries[0].reach.sms).toBe(true);
    } finally {
      await sys.stop();
    }
  }, 60_000);

  it('rebuilds report and members from LIVESEG_ENTRIES: identical after a full restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liveseg-report-'));
    const DAY = 86_400_000;
    const clock = new ManualClock(Date.UTC(2026, 4, 1, 9));
    let sys = await startTestSystem({ dataDir: dir, partitions: 2, clock, worker: false });
    try {
      const seg = (await sys.http('POST', '/v1/segments', { name: 'Durable', trigger: { kind: 'action', event: 'X' } })).json;
      const start = Date.UTC(2026, 4, 2);
      await publishEntries(
        sys.nc,
        Array.from({ length: 300 }, (_, i) => ({
          segmentId: seg.id,
          userId: `d${i % 250}`,
          n: i < 250 ? 1 : 2,
          at: start + i * 3 * 3600_000,
          reach: reach(...(i % 3 === 0 ? ['email' as const] : []), ...(i % 5 === 0 ? ['push' as const] : [])),
        })),
      );
      clock.set(start + 40 * DAY);
      const read = async () => ({
        report: (await sys.http('GET', `/v1/segments/${seg.id}/report`)).json,
        members: (await sys.http('GET', `/v1/segments/${seg.id}/members?limit=1000`)).json,
        page: (await sys.http('GET', `/v1/segments/${seg.id}/members?limit=7&cursor=100`)).json,
      });
      const total = (r: Awaited<ReturnType<typeof read>>) => r.report.daily.reduce((n: number, d: { count: number }) => n + d.count, 0);
      // The 250th distinct member arrives before the last 50 re-entries: wait for all 300.
      await eventually(async () => {
        const r = await read();
        return r.members.total === 250 && total(r) === 300;
      });
      const before = await read();
      expect(before.report.daily).toHaveLength(41); // May 2 to June 11, today included
      expect(total(before)).toBe(300);
      await sys.stop({ keepData: true });

      sys = await startTestSystem({ dataDir: dir, partitions: 2, clock, worker: false });
      expect(await read()).toEqual(before);
    } finally {
      await sys.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a different partition count on an existing deployment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liveseg-parts-'));
    const sys = await startTestSystem({ dataDir: dir, partitions: 4 });
    try {
      const { provision } = await import('../../actors/bus/provision.ts');
      await expect(provision(sys.nc, { partitions: 8 })).rejects.toMatchObject({ code: 'partition_mismatch' });
      await expect(provision(sys.nc, { partitions: 4 })).resolves.toEqual({ partitions: 4 });
      await expect(provision(sys.nc, {})).resolves.toEqual({ partitions: 4 });
    } finally {
      await sys.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
