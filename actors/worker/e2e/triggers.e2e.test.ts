import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from '../../../deploy/testing/system.ts';
import { Worker } from '../index.ts';

const iso = (t: number) => new Date(t).toISOString();

describe('every trigger kind over real NATS', () => {
  let sys: TestSystem;
  const create = async (def: object) => {
    const res = await sys.http('POST', '/v1/segments', def);
    expect(res.status, res.text).toBe(201);
    return res.json.id as string;
  };
  const members = async (id: string) =>
    (await sys.http('GET', `/v1/segments/${id}/members?limit=1000`)).json.users.map((u: { userId: string }) => u.userId).sort();
  const send = (events: object[]) => sys.http('POST', '/v1/events', events);

  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 4 });
  }, 30_000);
  afterAll(async () => {
    await sys?.stop();
  });

  it('inaction: fires after the window unless the without-event came inside it', async () => {
    const id = await create({
      name: 'Cart, no charge in 1s',
      trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '1s' },
    });
    const now = Date.now();
    await send([
      { userId: 'ia-abandon', name: 'Added To Cart', ts: now },
      { userId: 'ia-buyer', name: 'Added To Cart', ts: now },
      { userId: 'ia-buyer', name: 'Charged', ts: now + 500 },
      { userId: 'ia-early', name: 'Charged', ts: now - 1000 },
      { userId: 'ia-early', name: 'Added To Cart', ts: now },
    ]);
    expect(await members(id)).toEqual([]);
    await eventually(async () => (await members(id)).length === 2, 6000);
    await new Promise((r) => setTimeout(r, 300));
    expect(await members(id)).toEqual(['ia-abandon', 'ia-early']);
    const entry = (await sys.entries()).find((e) => e.segmentId === id && e.userId === 'ia-abandon')!;
    expect(entry.cause.kind).toBe('inaction');
    expect(entry.at - now).toBeGreaterThanOrEqual(1000);
    expect(sys.worker.stats().pendingTimers).toBe(0);
  });

  it('datetime: fires at the instant, arms users whose profile predates the segment, ignores past instants', async () => {
    const soon = Date.now() + 1500;
    await sys.http('POST', '/v1/profiles', [
      { userId: 'dt-existing', props: { appointment_at: iso(soon + 5 * 86_400_000) } },
      { userId: 'dt-past', props: { appointment_at: iso(Date.now() - 86_400_000) } },
    ]);
    await eventually(async () => (await sys.http('GET', '/readyz')).status === 200);
    await new Promise((r) => setTimeout(r, 300));
    const id = await create({ name: 'Appointment in 5 days', trigger: { kind: 'datetime', property: 'appointment_at', offset: '-5d' } });
    await sys.http('POST', '/v1/profiles', { userId: 'dt-new', props: { appointment_at: iso(soon + 5 * 86_400_000 + 200) } });
    await eventually(async () => (await members(id)).length === 2, 6000);
    expect(await members(id)).toEqual(['dt-existing', 'dt-new']);
  });

  it('page_visit, referrer and page_count', async () => {
    const visit = await create({ name: 'Pricing', trigger: { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } } });
    const google = await create({ name: 'From Google', trigger: { kind: 'referrer', referrer: { op: 'contains', value: 'google.' } } });
    const count = await create({
      name: '3 products',
      trigger: {
        kind: 'page_count',
        count: 3,
        within: '1m',
        distinct: true,
        url: { op: 'starts_with', value: 'https://shop.example.com/products/' },
      },
    });
    const pv = (userId: string, url: string, referrer = '') => ({ userId, name: '$page_view', props: { url, referrer } });
    await send([
      pv('pg-1', 'https://SHOP.example.com/pricing#plans', 'https://www.google.com/search?q=x'),
      pv('pg-2', 'https://shop.example.com/', 'https://shop.example.com/google.html'),
      pv('pg-3', 'https://shop.example.com/products/a'),
      pv('pg-3', 'https://shop.example.com/products/a'),
      pv('pg-3', 'https://shop.example.com/products/b'),
      pv('pg-4', 'https://shop.example.com/products/a'),
      pv('pg-4', 'https://shop.example.com/products/b'),
      pv('pg-3', 'https://shop.example.com/products/c#reviews'),
    ]);
    await eventually(async () => (await members(count)).length === 1);
    expect(await members(visit)).toEqual(['pg-1']);
    expect(await members(google)).toEqual(['pg-1']);
    expect(await members(count)).toEqual(['pg-3']);
  });

  it('filters on past behaviour and profile', async () => {
    const id = await create({
      name: 'Loyal Pune launchers',
      trigger: { kind: 'action', event: 'App Launched' },
      filters: {
        past: [
          { did: 'Charged', count: { op: 'gte', value: 2 }, inLast: '1d' },
          { didNot: 'Refunded', inLast: '1d' },
        ],
        profile: [{ prop: 'city', op: 'eq', value: 'Pune' }],
      },
    });
    await sys.http(
      'POST',
      '/v1/profiles',
      ['f-yes', 'f-once', 'f-refund', 'f-berlin'].map((u) => ({ userId: u, props: { city: u === 'f-berlin' ? 'Berlin' : 'Pune' } })),
    );
    const t = Date.now();
    await send([
      ...['f-yes', 'f-refund', 'f-berlin'].flatMap((u) => [
        { userId: u, name: 'Charged', ts: t - 2000 },
        { userId: u, name: 'Charged', ts: t - 1000 },
      ]),
      { userId: 'f-once', name: 'Charged', ts: t - 1000 },
      { userId: 'f-refund', name: 'Refunded', ts: t - 500 },
      ...['f-yes', 'f-once', 'f-refund', 'f-berlin'].map((u) => ({ userId: u, name: 'App Launched', ts: t })),
    ]);
    await eventually(async () => (await members(id)).length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await members(id)).toEqual(['f-yes']);
  });

  it('a pending window survives a worker restart and fires from the durable timer index', async () => {
    const id = await create({
      name: 'Signup, no verify in 1500ms',
      trigger: { kind: 'inaction', event: 'Signed Up', without: { event: 'Verified' }, within: '2s' },
    });
    await send([{ userId: 'restart-user', name: 'Signed Up' }]);
    await eventually(() => sys.worker.stats().pendingTimers > 0);
    await sys.worker.stop();
    const again = await Worker.start(sys.nc, { id: 'second' });
    try {
      expect(again.stats().pendingTimers).toBe(1);
      await eventually(async () => (await members(id)).includes('restart-user'), 6000);
      expect(again.stats().pendingTimers).toBe(0);
    } finally {
      await again.stop();
      sys.worker = await Worker.start(sys.nc, { id: 'third' });
    }
  });
});
