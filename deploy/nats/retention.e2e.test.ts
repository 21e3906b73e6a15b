import { jetstreamManager } from '@nats-io/jetstream';
import { afterEach, describe, expect, it } from 'vitest';
import { STREAM_ENTRIES, STREAM_IN } from '../../actors/bus/names.ts';
import { createGateway, type GatewaySystem } from '../../gateway/system.ts';
import { eventually, startTestSystem, type TestSystem } from '../testing/system.ts';

const KEYS = { admin: [], ingest: [] };

/** Calls a gateway's app in process. */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers of every route's shape
async function get(gw: GatewaySystem, path: string): Promise<{ status: number; json: any }> {
  const res = await gw.app.fetch(new Request(`http://test${path}`));
  return { status: res.status, json: await res.json().catch(() => undefined) };
}

/** A segment everyone who buys enters, and two buyers in it. */
async function twoMembers(sys: TestSystem): Promise<string> {
  const seg = await sys.http('POST', '/v1/segments', { name: 'Buyers', trigger: { kind: 'action', event: 'Buy' } });
  expect(seg.status).toBe(201);
  await sys.http('POST', '/v1/profiles', [{ userId: 'r-1', props: { email: 'r1@example.com' } }]);
  await sys.http('POST', '/v1/events', [
    { userId: 'r-1', name: 'Buy' },
    { userId: 'r-2', name: 'Buy' },
  ]);
  await eventually(async () => (await sys.http('GET', `/v1/segments/${seg.json.id}/members`)).json?.total === 2, 10_000);
  return seg.json.id;
}

const streamMessages = async (sys: TestSystem, stream: string) =>
  (await (await jetstreamManager(sys.nc)).streams.info(stream)).state.messages;

describe('retention', () => {
  let sys: TestSystem | undefined;
  const extra: GatewaySystem[] = [];
  afterEach(async () => {
    for (const gw of extra.splice(0)) gw.stop();
    await sys?.stop();
    sys = undefined;
  });

  it('inputs expire; reports, members, user lookups and a restarted gateway stay right', async () => {
    sys = await startTestSystem({ partitions: 2, provision: { duplicateWindowMs: 1000, inputRetentionMs: 2000 } });
    const id = await twoMembers(sys);
    const before = {
      report: (await sys.http('GET', `/v1/segments/${id}/report`)).json,
      members: (await sys.http('GET', `/v1/segments/${id}/members`)).json,
      user: (await sys.http('GET', '/v1/users/r-1')).json,
    };
    expect(before.user.profile.props).toEqual({ email: 'r1@example.com' });
    await eventually(async () => (await streamMessages(sys!, STREAM_IN)) === 0, 15_000, 250);

    expect((await sys.http('GET', `/v1/segments/${id}/report`)).json).toEqual(before.report);
    expect((await sys.http('GET', `/v1/segments/${id}/members`)).json).toEqual(before.members);
    expect((await sys.http('GET', '/v1/users/r-1')).json).toEqual(before.user);

    sys.gateway.stop();
    const restarted = await createGateway(sys.nc, { keys: KEYS });
    extra.push(restarted);
    await restarted.entries.ready();
    expect((await get(restarted, `/v1/segments/${id}/report`)).json).toEqual(before.report);
    expect((await get(restarted, `/v1/segments/${id}/members`)).json).toEqual(before.members);
    expect((await get(restarted, '/v1/users/r-1')).json).toEqual(before.user);
    // The worker still works after its inputs expired.
    await sys.http('POST', '/v1/events', [{ userId: 'r-3', name: 'Buy' }]);
    await eventually(async () => (await get(restarted, `/v1/segments/${id}/members`)).json?.total === 3, 10_000);
  }, 60_000);

  it('a gateway becomes ready after its entries expired; a running one keeps what it read', async () => {
    sys = await startTestSystem({ partitions: 2, provision: { duplicateWindowMs: 1000, entriesRetentionMs: 2000 } });
    const id = await twoMembers(sys);
    await eventually(async () => (await streamMessages(sys!, STREAM_ENTRIES)) === 0, 15_000, 250);
    expect((await sys.http('GET', `/v1/segments/${id}/members`)).json.total).toBe(2);

    sys.gateway.stop();
    const restarted = await createGateway(sys.nc, { keys: KEYS });
    extra.push(restarted);
    // Before, ready() waited for the message at the stream's last sequence, which had expired.
    await Promise.race([
      restarted.entries.ready(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('not ready within 5 s')), 5000)),
    ]);
    expect((await get(restarted, `/v1/segments/${id}/report`)).status).toBe(200);
    // Members and reports live in LIVESEG_MEMBERS and liveseg_reports: entry retention does not shrink them.
    expect((await get(restarted, `/v1/segments/${id}/members`)).json.total).toBe(2);
  }, 60_000);

  it('drops the stats of a deleted segment', async () => {
    sys = await startTestSystem({ partitions: 2 });
    const id = await twoMembers(sys);
    expect(sys.gateway.entries.segmentIds()).toContain(id);
    expect((await sys.http('DELETE', `/v1/segments/${id}`)).status).toBe(204);
    await eventually(() => !sys!.gateway.entries.segmentIds().includes(id));
    // A restarted gateway does not index the deleted segment's entries, still in the stream.
    const restarted = await createGateway(sys.nc, { keys: KEYS });
    extra.push(restarted);
    await restarted.entries.ready();
    await eventually(() => !restarted.entries.segmentIds().includes(id));
    expect(restarted.entries.totals()).toEqual([]);
  }, 60_000);
});
