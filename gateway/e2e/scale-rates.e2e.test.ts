/**
 * The rate history of the live feed (gateway/services/rate-recorder.ts): recorded by every gateway
 * while nobody watches, stored once per bucket in LIVESEG_RATES, and sent as `event: history`
 * when a client connects, also by a gateway started after the traffic.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSubject, RATES_SUBJECT, STREAM_RATES } from '../../actors/bus/names.ts';
import { eventually, startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';
import { violations } from '../spec/conforms.ts';
import { serveNode } from '../node.ts';
import type { RateBucket } from '../services/rate-recorder.ts';
import { createGateway, type GatewaySystem } from '../system.ts';
import { openSse, publishEntries, reach } from './helpers.ts';

const KEYS = { admin: [], ingest: [] };
const BUCKET_MS = 400;

describe('rate history of the live feed', () => {
  let sys: TestSystem;
  const gateways: Array<{ gw: GatewaySystem; nc: NatsConnection }> = [];
  const gateway = async () => {
    const nc = await connect({ servers: sys.nats.url });
    const gw = await createGateway(nc, { keys: KEYS, rateBucketMs: BUCKET_MS, tickMs: 100 });
    gateways.push({ gw, nc });
    return gw;
  };

  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 2, worker: false });
  }, 30_000);
  afterAll(async () => {
    for (const { gw, nc } of gateways) {
      gw.stop();
      await nc.close();
    }
    await sys?.stop();
  });

  it('two gateways record while nobody watches; a gateway started later sends the history on connect', async () => {
    const seg = (await sys.http('POST', '/v1/segments', { name: 'Rates', trigger: { kind: 'action', event: 'R' } })).json;
    const other = (await sys.http('POST', '/v1/segments', { name: 'Quiet', trigger: { kind: 'action', event: 'Q' } })).json;
    sys.gateway.stop(); // it records 5-second buckets: only the gateways below record here
    const [a, b] = [await gateway(), await gateway()];
    // A gateway publishes only buckets it saw whole: traffic starts after the current one.
    await new Promise((r) => setTimeout(r, 2 * BUCKET_MS));
    const js = jetstream(sys.nc);
    const encoder = new TextEncoder();
    let entered = 0;
    const until = Date.now() + 3000;
    for (let i = 0; Date.now() < until; i++) {
      await js.publish(
        eventSubject(i % 2),
        encoder.encode(JSON.stringify({ id: `r-${i}`, userId: `u-${i % 4}`, name: 'R', ts: Date.now(), props: {} })),
      );
      if (i % 3 === 0) {
        await publishEntries(sys.nc, [{ segmentId: seg.id, userId: `m-${i}`, at: Date.now(), reach: reach() }]);
        entered++;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 3 * BUCKET_MS));
    // Both gateways published every bucket; the stream kept one of each.
    const jsm = await jetstreamManager(sys.nc);
    const stored: RateBucket[] = [];
    for (let seq = 1; ; seq++) {
      const m = await jsm.streams.getMessage(STREAM_RATES, { seq }).catch(() => null);
      if (!m) break;
      expect(m.subject).toBe(RATES_SUBJECT);
      stored.push(m.json<RateBucket>());
    }
    expect(stored.length).toBeGreaterThanOrEqual(5);
    expect(new Set(stored.map((s) => s.t)).size).toBe(stored.length);
    expect(stored.reduce((n, s) => n + (s.entries[seg.id] ?? 0), 0)).toBeGreaterThanOrEqual(entered - 1);

    // Neither recording gateway is asked: a new one reads the history from the stream.
    a.stop();
    b.stop();
    const later = await gateway();
    const server = await serveNode(later.app, 0, '127.0.0.1', { assets: false });
    try {
      const c = await openSse(`http://127.0.0.1:${server.port}/v1/segments/${seg.id}/live`);
      await eventually(() => c.of('history').length === 1, 5000);
      const history = JSON.parse(c.of('history')[0].data);
      expect(violations({ $ref: '#/components/schemas/LiveHistory' }, history)).toEqual([]);
      expect(history.bucketMs).toBe(BUCKET_MS);
      expect(history.points.length).toBe(stored.length);
      const seconds = BUCKET_MS / 1000;
      const entries = history.points.reduce((n: number, p: { entries: number }) => n + p.entries * seconds, 0);
      expect(Math.round(entries)).toBe(stored.reduce((n, s) => n + (s.entries[seg.id] ?? 0), 0));
      expect(Math.max(...history.points.map((p: { events: number }) => p.events))).toBeGreaterThan(0);
      expect(history.points.map((p: { t: number }) => p.t)).toEqual([...stored.map((s) => s.t)].sort((x, y) => x - y));
      // Another segment's history has the activity but none of these entries.
      const q = await openSse(`http://127.0.0.1:${server.port}/v1/segments/${other.id}/live`);
      await eventually(() => q.of('history').length === 1, 5000);
      expect(JSON.parse(q.of('history')[0].data).points.every((p: { entries: number }) => p.entries === 0)).toBe(true);
      c.close();
      q.close();
    } finally {
      await server.close();
    }
  }, 60_000);
});
