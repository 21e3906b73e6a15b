import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem } from '../../deploy/testing/system.ts';

describe('a full restart on the same data dir', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liveseg-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps segments, members, profiles and the once-only rule', async () => {
    let sys = await startTestSystem({ dataDir, partitions: 4 });
    const seg = await sys.http('POST', '/v1/segments', { name: 'Launchers', trigger: { kind: 'action', event: 'App Launched' } });
    await sys.http('POST', '/v1/profiles', { userId: 'r1', props: { phone: '+4915100000' } });
    await sys.http('POST', '/v1/events', [{ id: 'r1-a', userId: 'r1', name: 'App Launched' }, { userId: 'r2', name: 'App Launched' }]);
    await eventually(async () => (await sys.http('GET', `/v1/segments/${seg.json.id}/members`)).json.total === 2);
    const before = (await sys.http('GET', `/v1/segments/${seg.json.id}/members`)).json;
    await sys.stop({ keepData: true });

    sys = await startTestSystem({ dataDir, partitions: 4 });
    try {
      expect((await sys.http('GET', '/v1/segments')).json.segments.map((s: { name: string }) => s.name)).toEqual(['Launchers']);
      expect((await sys.http('GET', `/v1/segments/${seg.json.id}/members`)).json).toEqual(before);
      await sys.http('POST', '/v1/events', [{ userId: 'r1', name: 'App Launched' }, { userId: 'r3', name: 'App Launched' }]);
      await eventually(async () => (await sys.http('GET', `/v1/segments/${seg.json.id}/members`)).json.total === 3);
      const entries = (await sys.entries()).filter((e) => e.userId === 'r1');
      expect(entries).toHaveLength(1);
      expect(entries[0].reach.sms).toBe(true);
    } finally {
      await sys.stop();
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
