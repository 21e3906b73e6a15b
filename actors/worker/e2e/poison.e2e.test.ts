import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { nanos } from '@nats-io/nats-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, type TestSystem } from '../../../deploy/testing/system.ts';
import type { DeadLetter } from '../../bus/dead-letters.ts';
import { BUCKET_SEGMENTS, BUCKET_USERS, partitionConsumer, STREAM_DLQ, STREAM_IN } from '../../bus/names.ts';
import { provision } from '../../bus/provision.ts';
import type { LiveEvent } from '../../types.ts';
import { userKey } from '../../user/index.ts';
import type { PartitionRunner } from '../partition-runner.ts';

/**
 * Poison over a real nats-server, one partition so every user shares it with the poison: each bad
 * item ends in LIVESEG_DLQ with its reason, other users keep entering within 5 s, no HTTP route
 * answers 5xx, and the runner's queue stays bounded.
 */
describe('poison: dead-lettered and skipped, nothing stalls', () => {
  let sys: TestSystem;
  let launchId: string;
  let buyId: string;
  let n = 0;
  const ev = (userId: string, name: string, props: Record<string, unknown> = {}): LiveEvent => ({
    id: `poison-${++n}`,
    userId,
    name,
    ts: Date.now(),
    props,
  });
  const runner = () => (sys.worker as unknown as { owned: Map<number, { runner: PartitionRunner }> }).owned.get(0)!.runner;
  const kv = async (bucket: string) => new Kvm(sys.nc).open(bucket);

  /** Every dead letter stored so far. */
  const letters = async (): Promise<DeadLetter[]> => {
    const jsm = await jetstreamManager(sys.nc);
    const { first_seq: first, last_seq: last, messages } = (await jsm.streams.info(STREAM_DLQ)).state;
    if (!messages) return [];
    const msgs = await Promise.all(
      Array.from({ length: last - first + 1 }, (_, i) => jsm.streams.getMessage(STREAM_DLQ, { seq: first + i }).catch(() => null)),
    );
    return msgs.flatMap((m) => (m ? [m.json<DeadLetter>()] : []));
  };
  const enters = (segmentId: string, userId: string) => async () =>
    (await sys.entries()).some((e) => e.segmentId === segmentId && e.userId === userId);
  /** Publishes a Launch for a fresh user and waits (at most 5 s) for its entry. */
  const othersKeepEntering = async () => {
    const userId = `other-${++n}`;
    await sys.producer.publishEvent(ev(userId, 'Launch'));
    await eventually(enters(launchId, userId), 5000, 50);
  };
  const no5xx = async (paths: string[]) => {
    for (const path of ['/v1/segments', `/v1/segments/${launchId}`, `/v1/segments/${launchId}/report`, ...paths]) {
      const res = await sys.http('GET', path);
      expect(res.status, `GET ${path}`).toBeLessThan(500);
    }
  };

  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 1 });
    launchId = (await sys.http('POST', '/v1/segments', { name: 'Launch', trigger: { kind: 'action', event: 'Launch' } })).json.id;
    const buy = await sys.http('POST', '/v1/segments', {
      name: 'Viewers who buy',
      trigger: { kind: 'action', event: 'Buy' },
      filters: { past: [{ did: 'View', inLast: '7d' }] },
    });
    expect(buy.status).toBe(201);
    buyId = buy.json.id;
  }, 30_000);
  afterAll(async () => {
    await sys?.stop();
  });

  it('a corrupt stored record: dead-lettered as it was, its user starts afresh, the others keep entering', async () => {
    const key = userKey(0, 'corrupt-1');
    await (await kv(BUCKET_USERS)).put(key, 'garbage{');
    await no5xx(['/v1/users/corrupt-1']);
    await sys.producer.publishEvent(ev('corrupt-1', 'Launch'));
    await othersKeepEntering();
    await eventually(enters(launchId, 'corrupt-1'), 5000, 50);
    const letter = (await letters()).find((l) => l.kind === 'record' && l.key === key);
    expect(letter).toMatchObject({
      kind: 'record',
      partition: 0,
      stored: 'garbage{',
      reason: expect.stringMatching(/^record_unreadable: /),
    });
    await no5xx(['/v1/users/corrupt-1']);
  });

  it('segments with an unknown kind or a value that is not JSON: dead-lettered once, left out, the rest work', async () => {
    const segments = await kv(BUCKET_SEGMENTS);
    const unknownKind = {
      id: 'sg_unknownkind',
      name: 'From the future',
      kind: 'teleport',
      createdAt: Date.now(),
      definition: { name: 'From the future', trigger: { kind: 'teleport', event: 'Launch' } },
    };
    await segments.put(unknownKind.id, JSON.stringify(unknownKind));
    await segments.put('sg_notjson', 'not json at all');
    await othersKeepEntering();
    const dead = await eventually(async () => {
      const all = (await letters()).filter((l) => l.kind === 'segment');
      return all.length >= 2 ? all : undefined;
    });
    expect(dead.find((l) => l.kind === 'segment' && l.id === 'sg_notjson')).toMatchObject({
      value: 'not json at all',
      reason: 'invalid_segment: not JSON',
    });
    expect(dead.find((l) => l.kind === 'segment' && l.id === 'sg_unknownkind')).toMatchObject({
      reason: expect.stringMatching(/^invalid_segment: definition: trigger/),
    });
    // The worker's catalog and the gateway's both saw them; each is stored once.
    expect(dead).toHaveLength(2);
    const list = await sys.http('GET', '/v1/segments');
    expect(list.status).toBe(200);
    await no5xx(['/v1/segments/sg_notjson', '/v1/segments/sg_unknownkind/report', '/v1/segments/sg_unknownkind/members']);
    expect((await sys.http('GET', '/v1/segments/sg_unknownkind')).status).toBe(404);
    // An operator can still delete the broken value.
    expect((await sys.http('DELETE', '/v1/segments/sg_notjson')).status).toBeLessThan(300);
    await othersKeepEntering();
  });

  it('an input that throws when applied: dead-lettered with its payload, the user and the others go on', async () => {
    // A record readable on the outside whose filter history is not a list: counting a View throws.
    const key = userKey(0, 'thrower');
    const record = { userId: 'thrower', q: 0, profile: { unsubscribed: [], props: {} }, h: { [`${buyId}#0`]: 5 } };
    await (await kv(BUCKET_USERS)).put(key, JSON.stringify(record));
    const view = ev('thrower', 'View');
    await sys.producer.publishEvent(view);
    await sys.producer.publishEvent(ev('thrower', 'Launch'));
    await othersKeepEntering();
    await eventually(enters(launchId, 'thrower'), 5000, 50);
    const letter = await eventually(async () => (await letters()).find((l) => l.kind === 'input' && l.msgId === view.id));
    expect(letter).toMatchObject({ partition: 0, subject: 'liveseg.in.0.ev', reason: expect.stringMatching(/^input_failed: TypeError/) });
    expect(JSON.parse((letter as { payload: string }).payload)).toMatchObject({ id: view.id, userId: 'thrower', name: 'View' });
    await no5xx(['/v1/users/thrower']);
  });

  it('a flooding profile (large updates straight to NATS): refused at the cap, the partition goes on', async () => {
    const big = 'x'.repeat(30_000);
    for (let i = 0; i < 40; i++) await sys.producer.publishProfile({ userId: 'flooder', props: { [`p${i}`]: big } });
    await othersKeepEntering();
    const refused = await eventually(async () => (await letters()).find((l) => l.kind === 'input' && l.subject === 'liveseg.in.0.pr'));
    expect(refused.reason).toMatch(/^[a-z_]+: /);
    await othersKeepEntering();
    await no5xx(['/v1/users/flooder']);
  }, 30_000);

  it('while dead letters cannot be stored the partition waits; redeliveries do not pile up; then it goes on', async () => {
    const jsm = await jetstreamManager(sys.nc);
    await jsm.streams.delete(STREAM_DLQ);
    // Redeliveries every second instead of every minute.
    await jsm.consumers.update(STREAM_IN, partitionConsumer(0), { ack_wait: nanos(1000) });
    try {
      await (await kv(BUCKET_USERS)).put(userKey(0, 'stall-bad'), 'garbage again');
      await sys.producer.publishEvent(ev('stall-bad', 'Launch'));
      const noise = 1500;
      await Promise.all(Array.from({ length: noise }, (_, i) => sys.producer.publishEvent(ev(`noise-${i % 50}`, 'Noise'))));
      let most = 0;
      for (const until = Date.now() + 4000; Date.now() < until; ) {
        most = Math.max(most, runner().queued);
        await new Promise((r) => setTimeout(r, 100));
      }
      // Held, not lost, and not applied past the poison: the input waits in the queue, once.
      expect(await enters(launchId, 'stall-bad')()).toBe(false);
      expect(most).toBeGreaterThan(noise / 2);
      expect(most).toBeLessThanOrEqual(noise + 1);
      await provision(sys.nc);
      await eventually(enters(launchId, 'stall-bad'), 10_000, 50);
      await eventually(() => runner().queued === 0);
      expect((await letters()).find((l) => l.kind === 'record' && l.key === userKey(0, 'stall-bad'))).toBeDefined();
      await othersKeepEntering();
    } finally {
      await jsm.consumers.update(STREAM_IN, partitionConsumer(0), { ack_wait: nanos(60_000) });
    }
  }, 30_000);

  it('a pathological URL regex with a crafted URL: matched in linear time, the partition keeps going', async () => {
    // With backtracking (RegExp) this pattern on this URL runs for longer than the age of the universe.
    const pattern = '^https://x\\.com/(\\w+-?)+$';
    const seg = await sys.http('POST', '/v1/segments', {
      name: 'Slugs',
      trigger: { kind: 'page_visit', url: { op: 'regex', value: pattern } },
    });
    expect(seg.status).toBe(201);
    const crafted = `https://x.com/${'a'.repeat(40)}!`;
    await sys.producer.publishEvent(ev('crafty', '$page_view', { url: crafted, referrer: '' }));
    await sys.producer.publishEvent(ev('honest', '$page_view', { url: 'https://x.com/spring-sale', referrer: '' }));
    await othersKeepEntering();
    await eventually(enters(seg.json.id, 'honest'), 5000, 50);
    expect(await enters(seg.json.id, 'crafty')()).toBe(false);
    await no5xx([`/v1/segments/${seg.json.id}/report`]);
  }, 30_000);
});
