/**
 * The report's live-rate chart opens with history, in real headless Chromium: a gateway records
 * the rate of a segment and of all activity while traffic runs and nobody watches; a report
 * opened afterwards finds the chart drawn at once, with whole-second axis labels.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSubject } from '../../actors/bus/names.ts';
import { provision } from '../../actors/bus/provision.ts';
import { publishEntries, reach } from '../../gateway/e2e/helpers.ts';
import { serveNode } from '../../gateway/node.ts';
import { createGateway, type GatewaySystem } from '../../gateway/system.ts';
import { type NatsServer, startNatsServer } from '../../deploy/nats/index.ts';
import { ARTIFACTS, ensureBuilt, startBrowser } from './harness.ts';

/** Traffic runs this long before the report is opened (buckets of one second: 25 points). */
const TRAFFIC_MS = 25_000;

describe('rate chart history in Chromium', () => {
  let dir: string;
  let nats: NatsServer;
  let nc: NatsConnection;
  let gw: GatewaySystem;
  let server: { port: number; close(): Promise<void> };
  let browser: Awaited<ReturnType<typeof startBrowser>>;

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'liveseg-rate-history-'));
    nats = await startNatsServer({ dataDir: dir });
    nc = await connect({ servers: nats.url });
    await provision(nc, { partitions: 2 });
    // One-second buckets instead of five: a test-speed minute.
    gw = await createGateway(nc, { keys: { admin: [], ingest: [] }, rateBucketMs: 1000 });
    server = await serveNode(gw.app, 0, '127.0.0.1');
    browser = await startBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.stop();
    await server?.close();
    gw?.stop();
    await nc?.drain().catch(() => undefined);
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('opens a report after traffic and finds the rate chart already drawn with history', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const created = await fetch(`${base}/v1/segments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Busy', trigger: { kind: 'action', event: 'Tap' } }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    // Traffic while nobody watches: inputs (activity) and entries of the segment, every 200 ms.
    const js = jetstream(nc);
    const encoder = new TextEncoder();
    let entered = 0;
    const until = Date.now() + TRAFFIC_MS;
    for (let i = 0; Date.now() < until; i++) {
      await Promise.all(
        Array.from({ length: 5 }, (_, k) =>
          js.publish(
            eventSubject(k % 2),
            encoder.encode(JSON.stringify({ id: `e-${i}-${k}`, userId: `u-${k}`, name: 'Tap', ts: Date.now(), props: {} })),
          ),
        ),
      );
      if (i % 2 === 0) {
        await publishEntries(nc, [{ segmentId: id, userId: `member-${i}`, at: Date.now(), reach: reach('email') }]);
        entered++;
      }
      await new Promise((r) => setTimeout(r, 200));
    }

    const page = browser.page;
    const opened = Date.now();
    await page.goto(`${base}/#/segments/${id}`);
    const chart = page.locator('liveseg-rate-chart');
    await chart.locator('canvas').first().waitFor({ timeout: 5000 });
    const history = Number(await chart.getAttribute('data-history'));
    const samples = Number(await chart.getAttribute('data-samples'));
    const drawnAfterMs = Date.now() - opened;
    // Live ticks come once a second: without history the chart would hold a handful of samples.
    expect(history).toBeGreaterThanOrEqual(18);
    expect(samples).toBeGreaterThanOrEqual(history);
    expect(samples - history).toBeLessThanOrEqual(Math.ceil(drawnAfterMs / 1000) + 1);
    // The history counts the segment's entries (per-second averages times the bucket length).
    expect(Number(await chart.getAttribute('data-entries'))).toBeGreaterThanOrEqual(Math.floor(entered * 0.7));
    expect(await chart.locator('.plot').getAttribute('aria-label')).toMatch(/Live rate over the last \d+ minute/);
    // The time axis labels are whole seconds apart: none repeats.
    const labels = await chart.evaluate(
      (el) =>
        ((el as unknown as { chart: { plot?: { axes: Array<{ _values?: string[] }> } } }).chart.plot?.axes[0]._values ?? []) as string[],
    );
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels).size).toBe(labels.length);
    // Three seconds of samples, as a page open without history would have: uPlot's own steps
    // would put labels half a second apart, each printed to the second twice.
    const short = await page.evaluate(async () => {
      const el = document.createElement('liveseg-rate-chart') as HTMLElement & { samples: unknown[] };
      el.style.width = '600px';
      document.body.append(el);
      const t = Math.floor(Date.now() / 1000) * 1000;
      el.samples = [0, 1, 2].map((i) => ({ t: t + i * 1000, entries: i, activeUsers: 1, events: 2 }));
      await new Promise((r) => setTimeout(r, 300));
      const plot = (el as unknown as { chart: { plot?: { axes: Array<{ _values?: string[] }> } } }).chart.plot;
      return plot?.axes[0]._values ?? [];
    });
    expect(short.length).toBeGreaterThan(1);
    expect(new Set(short).size).toBe(short.length);
    await page.screenshot({ path: join(ARTIFACTS, 'rate-history.png'), fullPage: true });
    expect(browser.errors).toEqual([]);
  }, 90_000);
});
