import { Kvm } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker, type WorkerProcess } from '../../../deploy/testing/processes.ts';
import { eventually, startTestSystem, type TestSystem } from '../../../deploy/testing/system.ts';
import { BUCKET_LEASES } from '../../bus/names.ts';

/** Fault tests with real worker processes sharing one nats-server (leases: 2 s TTL, 300 ms heartbeat). */
describe('worker failover and rebalancing', () => {
  let sys: TestSystem;
  const workers: WorkerProcess[] = [];
  const owners = async () => {
    const kv = await new Kvm(sys.nc).open(BUCKET_LEASES);
    const out: Record<number, string> = {};
    for (let p = 0; p < 8; p++) {
      const e = await kv.get(`partition.${p}`);
      if (e?.operation === 'PUT') {
        const l = e.json<{ owner: string; expiresAt: number }>();
        if (l.expiresAt > Date.now()) out[p] = l.owner;
      }
    }
    return out;
  };
  const countBy = async (segmentId: string) => {
    const entries = (await sys.entries()).filter((e) => e.segmentId === segmentId);
    const perUser = new Map<string, number>();
    for (const e of entries) perUser.set(e.userId, (perUser.get(e.userId) ?? 0) + 1);
    return { total: entries.length, perUser };
  };

  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 8, worker: false });
  }, 30_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await sys?.stop();
  });

  it('SIGKILL of a worker mid-window: every window fires exactly once, cancelled ones never', async () => {
    workers.push(await spawnWorker(sys.nats.url, 'a'), await spawnWorker(sys.nats.url, 'b'));
    await eventually(async () => {
      const o = Object.values(await owners());
      return o.length === 8 && o.includes('a') && o.includes('b');
    }, 10_000);
    const seg = await sys.http('POST', '/v1/segments', {
      name: 'Cart, no charge in 4s',
      trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '4s' },
    });
    const t0 = Date.now();
    const users = Array.from({ length: 300 }, (_, i) => `kill-${i}`);
    for (let i = 0; i < users.length; i += 100) {
      const res = await sys.http(
        'POST',
        '/v1/events',
        users.slice(i, i + 100).map((userId) => ({ userId, name: 'Added To Cart', ts: t0 })),
      );
      expect(res.json.accepted).toBe(100);
    }
    const buyers = users.filter((_, i) => i % 3 === 0);
    await sys.http(
      'POST',
      '/v1/events',
      buyers.map((userId) => ({ userId, name: 'Charged', ts: t0 + 1000 })),
    );
    await new Promise((r) => setTimeout(r, 1000));
    const killedAt = Date.now();
    await workers[0].kill('SIGKILL');
    await eventually(async () => Object.values(await owners()).filter((o) => o === 'b').length === 8, 15_000, 100);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(2000 + 3000);
    const expected = users.length - buyers.length;
    await eventually(async () => (await countBy(seg.json.id)).total >= expected, 20_000, 200);
    await new Promise((r) => setTimeout(r, 1500));
    const { total, perUser } = await countBy(seg.json.id);
    expect(total).toBe(expected);
    expect([...perUser.values()].every((n) => n === 1)).toBe(true);
    for (const b of buyers) expect(perUser.has(b)).toBe(false);
  }, 60_000);

  it('a third worker joins, then leaves gracefully: partitions move, nothing lost or duplicated', async () => {
    const seg = await sys.http('POST', '/v1/segments', { name: 'Launch', trigger: { kind: 'action', event: 'Launch' } });
    let sent = 0;
    const send = async (n: number) => {
      const batch = Array.from({ length: n }, () => ({ userId: `move-${sent++}`, name: 'Launch' }));
      expect((await sys.http('POST', '/v1/events', batch)).json.accepted).toBe(n);
    };
    workers.push(await spawnWorker(sys.nats.url, 'a2'));
    const load = (async () => {
      for (let i = 0; i < 30; i++) {
        await send(20);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const c = await spawnWorker(sys.nats.url, 'c');
    await eventually(async () => Object.values(await owners()).includes('c'), 10_000, 100);
    await eventually(
      async () => {
        const o = Object.values(await owners());
        return (
          o.length === 8 && ['b', 'a2', 'c'].every((w) => o.filter((x) => x === w).length === 3 || o.filter((x) => x === w).length === 2)
        );
      },
      15_000,
      100,
    );
    await c.kill('SIGTERM');
    expect(c.output()).toContain('partition released');
    await eventually(async () => !Object.values(await owners()).includes('c'), 10_000, 100);
    await load;
    await eventually(async () => (await countBy(seg.json.id)).total >= sent, 20_000, 200);
    await new Promise((r) => setTimeout(r, 1000));
    const { total, perUser } = await countBy(seg.json.id);
    expect(total).toBe(sent);
    expect(perUser.size).toBe(sent);
  }, 90_000);

  it('a Deno worker and a Node worker share the partitions and both produce entries', async () => {
    for (const w of workers.splice(0)) await w.kill('SIGTERM');
    await eventually(async () => Object.keys(await owners()).length === 0, 10_000, 100);
    const node = await spawnWorker(sys.nats.url, 'node-1');
    const deno = await spawnWorker(sys.nats.url, 'deno-1', { runtime: 'deno' });
    workers.push(node, deno);
    await eventually(
      async () => {
        const o = Object.values(await owners());
        return o.length === 8 && o.includes('node-1') && o.includes('deno-1');
      },
      15_000,
      100,
    );
    const seg = await sys.http('POST', '/v1/segments', { name: 'Ping', trigger: { kind: 'action', event: 'Ping' } });
    const users = Array.from({ length: 64 }, (_, i) => `rt-${i}`);
    await sys.http(
      'POST',
      '/v1/events',
      users.map((userId) => ({ userId, name: 'Ping' })),
    );
    await eventually(async () => (await countBy(seg.json.id)).total === 64, 15_000, 200);
    await node.kill('SIGTERM');
    await deno.kill('SIGTERM');
    const processed = (w: WorkerProcess) => {
      const line = w
        .output()
        .split('\n')
        .find((l) => l.includes('"worker stopped"'));
      return line ? (JSON.parse(line).entries as number) : 0;
    };
    expect(processed(node)).toBeGreaterThan(0);
    expect(processed(deno)).toBeGreaterThan(0);
    expect(processed(node) + processed(deno)).toBe(64);
  }, 90_000);
});
