/**
 * Members and reports projected into NATS (gateway/services/report-projector.ts): several
 * gateways side by side, a gateway restarted mid-stream, replays after a crash, and entries
 * expired by retention.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { BUCKET_REPORTS, memberSubject, STREAM_ENTRIES, STREAM_MEMBERS } from '../../actors/bus/names.ts';
import { ManualClock } from '../../actors/clock.ts';
import type { Reach } from '../../actors/types.ts';
import { eventually, startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';
import { type MemberChunk, aggregateKey, CHECKPOINT_KEY } from '../services/report-projector.ts';
import { createGateway, type GatewaySystem } from '../system.ts';
import { publishEntries, reach } from './helpers.ts';

const KEYS = { admin: [], ingest: [] };
const DAY = 86_400_000;
/** Segments are created on Jan 1 (10:00), entries start on Jan 2, reports are read on Jan 12. */
const CREATED = Date.UTC(2026, 0, 1, 10);
const START = Date.UTC(2026, 0, 2);
const READ = START + 10 * DAY;

/** Calls a gateway's app in process. */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers of every route's shape
async function get(gw: GatewaySystem, path: string): Promise<{ status: number; json: any }> {
  const res = await gw.app.fetch(new Request(`http://test${path}`));
  return { status: res.status, json: await res.json().catch(() => undefined) };
}

const entriesOf = (report: { daily: Array<{ count: number }> }) => report.daily.reduce((n, d) => n + d.count, 0);

/** Waits until a gateway's report of a segment counts `entries` entries. */
async function counted(gw: GatewaySystem, id: string, entries: number): Promise<void> {
  await eventually(async () => entriesOf((await get(gw, `/v1/segments/${id}/report`)).json) === entries, 20_000, 100);
}

/** Every member of a segment, paged through the API. */
async function allMembers(gw: GatewaySystem, id: string, limit: number): Promise<Array<{ userId: string; at: number }>> {
  const out: Array<{ userId: string; at: number }> = [];
  let cursor: string | null = '0';
  while (cursor !== null) {
    const page = await get(gw, `/v1/segments/${id}/members?limit=${limit}&cursor=${cursor}`);
    expect(page.status).toBe(200);
    out.push(...page.json.users);
    cursor = page.json.next;
  }
  return out;
}

type Published = { segmentId: string; userId: string; n: number; at: number; reach: Reach };

/**
 * A deterministic load: users enter segments again and again (n counts per segment and user),
 * and what the reports must say, computed from what was published.
 */
class Load {
  readonly published: Published[] = [];
  private readonly counts = new Map<string, number>();
  constructor(
    readonly segments: string[],
    readonly start: number,
  ) {}

  next(count: number, users: number): Published[] {
    const batch: Published[] = [];
    for (let k = 0; k < count; k++) {
      const i = this.published.length;
      const segmentId = this.segments[(i * 7) % this.segments.length];
      const userId = `user-${(i * 7919) % users}`;
      const key = `${segmentId}:${userId}`;
      const n = (this.counts.get(key) ?? 0) + 1;
      this.counts.set(key, n);
      // A re-entry's reach differs from the first entry's: reachability counts the first one.
      const e = { segmentId, userId, n, at: this.start + i * 60_000, reach: n === 1 ? reach(i % 2 ? 'email' : 'sms') : reach('push') };
      this.published.push(e);
      batch.push(e);
    }
    return batch;
  }

  members(segmentId: string): Array<{ userId: string; at: number }> {
    return this.published.filter((e) => e.segmentId === segmentId && e.n === 1).map((e) => ({ userId: e.userId, at: e.at }));
  }

  expected(segmentId: string) {
    const mine = this.published.filter((e) => e.segmentId === segmentId);
    const firsts = mine.filter((e) => e.n === 1);
    return {
      total: firsts.length,
      entries: mine.length,
      email: firsts.filter((e) => e.reach.email).length,
      push: firsts.filter((e) => e.reach.push).length,
    };
  }
}

/** The members stream of a segment: chunks contiguous, each member once. */
async function storedMembers(nc: NatsConnection, segmentId: string): Promise<string[]> {
  const jsm = await jetstreamManager(nc);
  const users: string[] = [];
  let seq = 0;
  for (;;) {
    // STREAM.MSG.GET with next_by_subj (2.9+); the client's type lists it for direct gets only.
    const next = { seq: seq + 1, next_by_subj: memberSubject(segmentId) } as unknown as { seq: number };
    const m = await jsm.streams.getMessage(STREAM_MEMBERS, next).catch(() => null);
    if (!m) return users;
    const c = m.json<MemberChunk>();
    expect(c.from).toBe(users.length);
    users.push(...c.users.map(([u]) => u));
    seq = m.seq;
  }
}

describe('members and reports at scale', () => {
  let sys: TestSystem | undefined;
  let clock: ManualClock;
  const extra: Array<{ gw: GatewaySystem; nc?: NatsConnection }> = [];
  afterEach(async () => {
    for (const { gw, nc } of extra.splice(0)) {
      gw.stop();
      await nc?.close();
    }
    await sys?.stop();
    sys = undefined;
  });

  const gateway = async (opts: Partial<Parameters<typeof createGateway>[1]> = {}) => {
    const nc = await connect({ servers: sys!.nats.url });
    const gw = await createGateway(nc, { keys: KEYS, now: () => clock.now(), ...opts });
    extra.push({ gw, nc });
    return gw;
  };

  const segments = async (n: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await sys!.http('POST', '/v1/segments', { name: `Scale ${i}`, trigger: { kind: 'action', event: `E${i}` } });
      expect(res.status).toBe(201);
      ids.push(res.json.id);
    }
    clock.set(READ);
    return ids;
  };

  it('two gateways agree on members and reports under load, each member once', async () => {
    clock = new ManualClock(CREATED);
    sys = await startTestSystem({ partitions: 2, worker: false, clock });
    const other = await gateway();
    const ids = await segments(3);
    const load = new Load(ids, START);
    // Publish in batches while both gateways answer: both project, side by side.
    for (let b = 0; b < 12; b++) {
      await publishEntries(sys.nc, load.next(400, 900));
      for (const gw of [sys.gateway, other]) expect((await get(gw, `/v1/segments/${ids[b % 3]}/report`)).status).toBe(200);
    }
    for (const id of ids) {
      const want = load.expected(id);
      expect(want.total).toBeGreaterThan(200);
      expect(want.entries).toBeGreaterThan(want.total); // re-entries are part of the load
      for (const gw of [sys.gateway, other]) await counted(gw, id, want.entries);
      const [a, b] = await Promise.all([get(sys.gateway, `/v1/segments/${id}/report`), get(other, `/v1/segments/${id}/report`)]);
      expect(a.json).toEqual(b.json);
      expect(a.json.reachability.channels.email.reachable).toBe(want.email);
      expect(a.json.reachability.channels.push.reachable).toBe(want.push); // only first entries count
      expect(a.json.reachability.total).toBe(want.total);
      const expected = load.members(id);
      expect(await allMembers(sys.gateway, id, 97)).toEqual(expected);
      expect(await allMembers(other, id, 1000)).toEqual(expected);
      expect(await storedMembers(sys.nc, id)).toEqual(expected.map((m) => m.userId));
    }
    const lists = await Promise.all([get(sys.gateway, '/v1/segments'), get(other, '/v1/segments')]);
    expect(lists[0].json).toEqual(lists[1].json);
    for (const s of lists[0].json.segments) expect(s.members).toBe(load.expected(s.id).total);
    // A cursor in the middle of a chunk, one past the end, and bad cursors.
    const id = ids[0];
    const total = load.expected(id).total;
    expect((await get(other, `/v1/segments/${id}/members?limit=3&cursor=5`)).json).toEqual({
      total,
      users: load.members(id).slice(5, 8),
      next: '8',
    });
    expect((await get(other, `/v1/segments/${id}/members?cursor=${total}`)).json).toEqual({ total, users: [], next: null });
    for (const bad of ['-1', 'abc', '1.5', '99999999999999999999']) {
      const res = await get(other, `/v1/segments/${id}/members?cursor=${bad}`);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('invalid_request');
    }
  }, 120_000);

  it('a gateway restarted mid-stream catches up without counting twice, also after a crash between writes', async () => {
    clock = new ManualClock(CREATED);
    sys = await startTestSystem({ partitions: 2, worker: false, clock });
    const ids = await segments(2);
    sys.gateway.stop(); // only the gateways below project
    const load = new Load(ids, START);
    const first = await gateway({ projector: { flushMs: 20 } });
    const publishing = (async () => {
      for (let b = 0; b < 10; b++) await publishEntries(sys!.nc, load.next(300, 700));
    })();
    // Stop it while entries keep coming: some are projected, some not.
    await eventually(async () => first.entries.sequence > 600, 15_000, 5);
    first.stop();
    const kv = await new Kvm(sys.nc).open(BUCKET_REPORTS);
    const midway = await kv.get(aggregateKey(ids[0]));
    expect(midway?.operation).toBe('PUT');
    await publishing;

    const restarted = await gateway();
    await restarted.entries.ready();
    for (const id of ids) {
      const want = load.expected(id);
      await counted(restarted, id, want.entries);
      expect((await get(restarted, `/v1/segments/${id}/report`)).json.reachability.total).toBe(want.total);
      expect(await allMembers(restarted, id, 500)).toEqual(load.members(id));
    }
    const settled = (await get(restarted, `/v1/segments/${ids[0]}/report`)).json;

    // A crash after the members were stored but before the aggregate: the aggregate is back at its
    // midway value and the checkpoint at 0, so a new projector replays the whole stream.
    await kv.put(aggregateKey(ids[0]), midway!.string());
    await kv.put(CHECKPOINT_KEY, '0');
    const replayed = await gateway({ projector: { flushMs: 20 } });
    await replayed.entries.ready();
    await eventually(async () => {
      const r = (await get(replayed, `/v1/segments/${ids[0]}/report`)).json;
      return JSON.stringify(r) === JSON.stringify(settled);
    }, 15_000);
    expect(await storedMembers(sys.nc, ids[0])).toEqual(load.members(ids[0]).map((m) => m.userId));
    expect(await allMembers(replayed, ids[0], 1000)).toEqual(load.members(ids[0]));
    // The same entries published again (a producer's retry) are stored once and counted once.
    await publishEntries(sys.nc, load.published.slice(0, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect((await get(replayed, `/v1/segments/${ids[0]}/report`)).json).toEqual(settled);
  }, 120_000);

  it('entries expired by retention leave members and reports unchanged, also for a new gateway', async () => {
    clock = new ManualClock(CREATED);
    sys = await startTestSystem({ partitions: 2, worker: false, clock, provision: { duplicateWindowMs: 1000, entriesRetentionMs: 2000 } });
    const ids = await segments(1);
    const load = new Load(ids, START);
    await publishEntries(sys.nc, load.next(300, 120));
    const id = ids[0];
    const want = load.expected(id);
    await counted(sys.gateway, id, want.entries);
    const before = {
      report: (await sys.http('GET', `/v1/segments/${id}/report`)).json,
      members: await allMembers(sys.gateway, id, 50),
      list: (await sys.http('GET', '/v1/segments')).json,
    };
    expect(before.members).toHaveLength(want.total);
    const jsm = await jetstreamManager(sys.nc);
    await eventually(async () => (await jsm.streams.info(STREAM_ENTRIES)).state.messages === 0, 15_000, 250);

    expect((await sys.http('GET', `/v1/segments/${id}/report`)).json).toEqual(before.report);
    expect(await allMembers(sys.gateway, id, 50)).toEqual(before.members);
    sys.gateway.stop();
    const restarted = await gateway();
    await restarted.entries.ready();
    expect((await get(restarted, `/v1/segments/${id}/report`)).json).toEqual(before.report);
    expect(await allMembers(restarted, id, 50)).toEqual(before.members);
    expect((await get(restarted, '/v1/segments')).json).toEqual(before.list);
  }, 60_000);
});
