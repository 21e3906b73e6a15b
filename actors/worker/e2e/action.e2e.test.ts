import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from '../../../deploy/testing/system.ts';
import type { LiveEvent } from '../../types.ts';

const ev = (id: string, userId: string, name: string, props: Record<string, unknown> = {}): LiveEvent => ({
  id,
  userId,
  name,
  ts: Date.now(),
  props,
});

describe('action segments over real NATS', () => {
  let sys: TestSystem;
  let cartId: string;
  let everyId: string;

  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 4 });
    const seg = await sys.http('POST', '/v1/segments', {
      name: 'Big carts',
      trigger: { kind: 'action', event: 'Added To Cart', where: [{ prop: 'price', op: 'gte', value: 100 }] },
    });
    expect(seg.status).toBe(201);
    cartId = seg.json.id;
    const every = await sys.http('POST', '/v1/segments', {
      name: 'Every launch',
      trigger: { kind: 'action', event: 'App Launched' },
      reentry: 'every',
    });
    everyId = every.json.id;
  }, 30_000);

  afterAll(async () => {
    await sys?.stop();
  });

  it('turns a matching event published over NATS into one entry with the deterministic id', async () => {
    await sys.producer.publishProfile({ userId: 'nats-yes', props: { email: 'a@example.com' } });
    await sys.producer.publishEvent(ev('n1', 'nats-yes', 'Added To Cart', { price: 150 }));
    await sys.producer.publishEvent(ev('n2', 'nats-no', 'Added To Cart', { price: 5 }));
    const entries = await eventually(async () => {
      const all = (await sys.entries()).filter((e) => e.segmentId === cartId);
      return all.length ? all : undefined;
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      segmentId: cartId,
      userId: 'nats-yes',
      cause: { eventId: 'n1', kind: 'action' },
      reach: { email: true, sms: false, whatsapp: false, push: false, web_push: false },
    });
  });

  it('gives one entry for a duplicate event id, and none for a second match with reentry once', async () => {
    await sys.producer.publishEvent(ev('d1', 'dup-user', 'Added To Cart', { price: 200 }));
    await sys.producer.publishEvent(ev('d1', 'dup-user', 'Added To Cart', { price: 200 }));
    await sys.producer.publishEvent(ev('d2', 'dup-user', 'Added To Cart', { price: 300 }));
    await sys.producer.publishEvent(ev('marker', 'dup-user', 'App Launched'));
    await eventually(async () => (await sys.entries()).some((e) => e.segmentId === everyId && e.userId === 'dup-user'));
    const mine = (await sys.entries()).filter((e) => e.segmentId === cartId && e.userId === 'dup-user');
    expect(mine).toHaveLength(1);
    expect(mine[0].cause.eventId).toBe('d1');
  });

  it('enters again on every qualification with reentry every', async () => {
    for (const id of ['l1', 'l2', 'l3']) await sys.producer.publishEvent(ev(id, 'launcher', 'App Launched'));
    const entries = await eventually(async () => {
      const all = (await sys.entries()).filter((e) => e.segmentId === everyId && e.userId === 'launcher');
      return all.length >= 3 ? all : undefined;
    });
    expect(entries.map((e) => e.cause.eventId)).toEqual(['l1', 'l2', 'l3']);
    const members = await sys.http('GET', `/v1/segments/${everyId}/members`);
    expect(members.json.users.filter((u: { userId: string }) => u.userId === 'launcher')).toHaveLength(1);
  });

  it('skips input that is not a valid event without losing the next one', async () => {
    const { jetstream } = await import('@nats-io/jetstream');
    const { eventSubject } = await import('../../bus/names.ts');
    const { partitionOf } = await import('../../bus/partition.ts');
    const js = jetstream(sys.nc);
    const p = partitionOf('garbage-user', sys.producer.partitions);
    await js.publish(eventSubject(p), new TextEncoder().encode('{not json'));
    await js.publish(eventSubject(p), new TextEncoder().encode(JSON.stringify({ userId: 'garbage-user' })));
    await sys.producer.publishEvent(ev('g1', 'garbage-user', 'Added To Cart', { price: 120 }));
    await eventually(async () => (await sys.entries()).some((e) => e.userId === 'garbage-user'));
    expect(sys.worker.stats().rejected).toBeGreaterThanOrEqual(2);
  });
});
