import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kvm } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET_SEGMENTS, BUCKET_USERS } from '../../actors/bus/names.ts';
import { partitionOf } from '../../actors/bus/partition.ts';
import { userKey } from '../../actors/user/index.ts';
import { eventually, startTestSystem, type TestSystem } from '../testing/system.ts';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../bin/liveseg.mjs');

describe('liveseg status', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 4 });
  }, 30_000);
  afterAll(async () => {
    await sys?.stop();
  });

  it('reports owners, lag, pending timers and hot users', async () => {
    await sys.http('POST', '/v1/segments', {
      name: 'Cart no pay',
      trigger: { kind: 'inaction', event: 'Cart', without: { event: 'Pay' }, within: '1h' },
    });
    await sys.http('POST', '/v1/events', [
      { userId: 'st-1', name: 'Cart' },
      { userId: 'st-2', name: 'Cart' },
    ]);
    await eventually(() => sys.worker.stats().pendingTimers === 2);
    const status = await eventually(
      async () => {
        const { stdout } = await run(process.execPath, [BIN, 'status', '--json'], { env: { ...process.env, NATS_URL: sys.nats.url } });
        const s = JSON.parse(stdout);
        return s.workers[0]?.pendingTimers === 2 ? s : undefined;
      },
      10_000,
      200,
    );
    expect(status.partitions).toHaveLength(4);
    for (const p of status.partitions) expect(p).toMatchObject({ owner: 'test-worker', lag: 0 });
    expect(status.partitions.reduce((a: number, p: { pendingTimers: number }) => a + p.pendingTimers, 0)).toBe(2);
    expect(status.workers[0]).toMatchObject({ id: 'test-worker', hotUsers: 2, pendingTimers: 2 });
    const { stdout } = await run(process.execPath, [BIN, 'status'], { env: { ...process.env, NATS_URL: sys.nats.url } });
    expect(stdout).toMatch(/partition\s+owner\s+lag\s+timers/);
    expect(stdout).toContain('test-worker');
  });

  it('counts dead letters per kind', async () => {
    const env = { ...process.env, NATS_URL: sys.nats.url };
    const before = JSON.parse((await run(process.execPath, [BIN, 'status', '--json'], { env })).stdout);
    expect(before.deadLetters).toEqual({ input: 0, record: 0, segment: 0 });
    await (await new Kvm(sys.nc).open(BUCKET_SEGMENTS)).put('sg_broken', 'not a segment');
    await (await new Kvm(sys.nc).open(BUCKET_USERS)).put(userKey(partitionOf('st-bad', 4), 'st-bad'), '{');
    await sys.http('POST', '/v1/events', [{ userId: 'st-bad', name: 'Cart' }]);
    const status = await eventually(
      async () => {
        const s = JSON.parse((await run(process.execPath, [BIN, 'status', '--json'], { env })).stdout);
        return s.deadLetters.segment === 1 && s.deadLetters.record === 1 ? s : undefined;
      },
      10_000,
      200,
    );
    expect(status.deadLetters).toEqual({ input: 0, record: 1, segment: 1 });
    const { stdout } = await run(process.execPath, [BIN, 'status'], { env });
    expect(stdout).toContain('dead letters (LIVESEG_DLQ): input 0, record 1, segment 1');
  });

  it('fails with a clear message on an unknown option', async () => {
    await expect(
      run(process.execPath, [BIN, 'status', '--bogus'], { env: { ...process.env, NATS_URL: sys.nats.url } }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("Unknown option '--bogus'") });
  });
});
