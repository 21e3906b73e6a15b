/**
 * The rate history of the live feed (gateway/services/rate-recorder.ts): recorded while nobody
 * watches by the one gateway holding the recorder lease (recorder-lease.ts), stored once per
 * bucket in LIVESEG_RATES, and sent as `event: history` when a client connects, also by a gateway
 * started after the traffic; another gateway takes the recording over when the holder is gone.
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
const LEASE = { ttlMs: 800, stepMs: 100 };

describe('rate history of the live feed', () => {
  let sys: TestSystem;
  const gateways: Array<{ gw: GatewaySystem; nc: NatsConnection }> = [];
  const gateway = async () => (await connected()).gw;
  const connected = async () => {
    const nc = await connect({ servers: sys.nats.url });
    const gw = await createGateway(nc, { keys: KEYS, rateBucketMs: BUCKET_MS, tickMs: 100, recorderLease: LEASE });
    gateways.push({ gw, nc });
    return { gw, nc };
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

  it('one of two gateways records while nobody watches; a gateway started later sends the history on connect', async () => {
    const seg = (await sys.http('POST', '/v1/segments', { name: 'Rates', trigger: { kind: 'action', event: 'R' } })).json;
    const other = (await sys.http('POST', '/v1/segments', { name: 'Quiet', trigger: { kind: 'action', event: 'Q' } })).json;
    sys.gateway.stop(); // it records 5-second buckets: only the gateways below record here
    const [a, b] = [await gateway(), await gateway()];
    await eventually(() => a.rates.recording || b.rates.recording, LEASE.ttlMs * 3);
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
    // The stream holds each bucket once.
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

  it('records on one gateway at a time; the other meters only while watched, and takes over when the holder dies', async () => {
    for (const g of gateways.splice(0)) {
      g.gw.stop();
      await g.nc.close();
    }
    const [a, b] = [await connected(), await connected()];
    await eventually(() => a.gw.rates.recording || b.gw.rates.recording, LEASE.ttlMs * 3);
    for (let i = 0; i < 10; i++) {
      expect(a.gw.rates.recording && b.gw.rates.recording).toBe(false);
      await new Promise((r) => setTimeout(r, LEASE.stepMs));
    }
    const [holder, other] = a.gw.rates.recording ? [a, b] : [b, a];
    expect(holder.gw.rates.metering).toBe(true);
    // The other receives no input while nobody watches it, and does while someone does.
    expect(other.gw.rates.metering).toBe(false);
    const server = await serveNode(other.gw.app, 0, '127.0.0.1', { assets: false });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const created = await fetch(`${base}/v1/segments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Watched', trigger: { kind: 'action', event: 'W' } }),
      });
      const seg = await created.json();
      const c = await openSse(`${base}/v1/segments/${seg.id}/live`);
      await eventually(() => other.gw.rates.metering, 2000);
      c.close();
      await eventually(() => !other.gw.rates.metering, 2000);
    } finally {
      await server.close();
    }
    // The holder's connection dies without a clean stop: its lease is taken over after a TTL.
    await holder.nc.close();
    await eventually(() => other.gw.rates.recording, LEASE.ttlMs * 5);
    expect(holder.gw.rates.recording).toBe(false);
  }, 30_000);
});
