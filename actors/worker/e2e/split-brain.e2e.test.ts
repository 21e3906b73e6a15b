import { Kvm } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesPerUser, startFaultyWorker, startProxiedRig, WriteGate, type ProxiedRig } from '../../../deploy/testing/faulty-worker.ts';
import { eventually, startTestSystem } from '../../../deploy/testing/system.ts';
import { BUCKET_TIMERS, BUCKET_USERS } from '../../bus/names.ts';
import { userKey, type UserRecord } from '../../user/record.ts';

const LEASES = { ttlMs: 2000, heartbeatMs: 300 };

/**
 * Worker A reaches NATS through a proxy. With a cut in flight (its ownership already checked), the
 * proxy holds A's traffic for longer than the lease TTL; B takes the partition over and applies
 * new inputs for the same users; then A's held writes are let through.
 */
describe('split brain: a worker partitioned away with writes in flight', () => {
  let rig: ProxiedRig;
  beforeAll(async () => {
    rig = await startProxiedRig(await startTestSystem({ partitions: 1, worker: false }));
  }, 30_000);
  afterAll(() => rig?.stop());

  it("no record or deadline of the stale owner survives over the new owner's; no entry lost or doubled", async () => {
    const { sys, proxy, workers } = rig;
    const seg = await sys.http('POST', '/v1/segments', {
      name: 'Cart, no charge in 10s',
      trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '10s' },
    });
    const users = Array.from({ length: 30 }, (_, i) => `sb-${i}`);
    const lastSeq = new Map<string, number>();
    const send = async (name: string, ids: string[], tag: string) => {
      for (const userId of ids) {
        const ack = await sys.producer.publishEvent({ id: `${userId}-${tag}`, userId, name, ts: Date.now(), props: {} });
        lastSeq.set(userId, ack.seq);
      }
    };

    const gate = new WriteGate();
    const a = await startFaultyWorker('a', { url: proxy.url, leases: LEASES, fault: gate.fault });
    workers.push(a);
    await send('Added To Cart', users, 'cart-1');
    await eventually(() => a.worker.stats().processed >= users.length, 10_000);
    await new Promise((r) => setTimeout(r, 500));

    // A's next cut stops after its ownership check, then the link goes dark.
    const { reached, release } = gate.arm('index');
    await send('Charged', users.slice(0, 10), 'charge-1');
    await reached;
    proxy.cut();

    const b = await startFaultyWorker('b', { url: sys.nats.url, leases: LEASES });
    workers.push(b);
    await eventually(() => b.owns(0), 15_000, 50);
    // New inputs for the same users, applied by B only.
    await send('Added To Cart', users.slice(0, 10), 'cart-2');
    await send('Charged', users.slice(10, 20), 'charge-2');
    const kvm = new Kvm(sys.nc);
    const [records, index] = await Promise.all([kvm.open(BUCKET_USERS), kvm.open(BUCKET_TIMERS)]);
    const record = async (u: string) => (await records.get(userKey(0, u)))?.json<UserRecord>();
    // Every user's last input has been applied and stored by B.
    await eventually(async () => (await Promise.all(users.map(record))).every((r, i) => r && r.q >= lastSeq.get(users[i])!), 10_000);
    await new Promise((r) => setTimeout(r, 500));
    const byB = new Map(await Promise.all(users.map(async (u) => [u, (await record(u))!] as const)));

    // A's held writes go out now, then reach NATS when the link heals.
    release();
    await new Promise((r) => setTimeout(r, 200));
    proxy.heal();
    await new Promise((r) => setTimeout(r, 2000));

    for (const u of users) {
      const now = (await record(u))!;
      expect(now.q, u).toBe(byB.get(u)!.q);
      // The index holds the record's earliest pending deadline (what B wrote), for every user.
      const ds = Object.values(now.state?.s ?? {})
        .map((s) => s.d)
        .filter((d): d is number => d !== undefined);
      const e = await index.get(userKey(0, u));
      const held = e?.operation === 'PUT' ? Number(e.string()) : undefined;
      if (ds.length) expect(held, u).toBeLessThanOrEqual(Math.min(...ds));
    }

    const expected = [...users.slice(0, 10), ...users.slice(20)];
    await eventually(async () => (await entriesPerUser(sys, seg.json.id)).size >= expected.length, 25_000, 250);
    await new Promise((r) => setTimeout(r, 1000));
    const perUser = await entriesPerUser(sys, seg.json.id);
    expect([...perUser.keys()].sort()).toEqual([...expected].sort());
    expect([...perUser.values()].every((c) => c === 1)).toBe(true);
  }, 90_000);
});
