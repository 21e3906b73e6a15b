/**
 * The browser SDK, @segment/analytics-next from the npm registry, in headless Chromium: a page on
 * one origin loads it (bundled by Vite, as a site would) with its settings inline instead of
 * fetched from Segment's CDN, and sends page views to the gateway on another origin (CORS, HTTP
 * Basic write key, analytics.js's short paths). The visitor, known only by the anonymousId
 * analytics.js made up, enters the referrer, page_visit and page_count segments.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../actors/types.ts';
import { eventually, startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';
import { startBrowser } from '../../ui/e2e/harness.ts';
import { serveNode } from '../node.ts';
import { createGateway, type GatewaySystem } from '../system.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const ADMIN = 'admin-key-browser';
const WRITE_KEY = 'ingest-key-browser';

/** What a site's own code does with the SDK (bundled below, as any site would bundle it). */
const ENTRY_JS = `
import { AnalyticsBrowser } from '@segment/analytics-next';

const { writeKey, apiHost } = window.LIVESEG;
// Settings inline: no request to cdn.segment.com. Only the Segment.io destination, pointed at liveseg.
const [analytics] = await AnalyticsBrowser.load({
  writeKey,
  cdnSettings: { integrations: { 'Segment.io': { apiKey: writeKey, apiHost, protocol: 'http' } } },
});
await analytics.page();
window.sent = { anonymousId: analytics.user().anonymousId() };
`;

const page = (title: string, apiHost: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1><a id="next" href="/pricing.html">Pricing</a>
<script>window.LIVESEG = ${JSON.stringify({ writeKey: WRITE_KEY, apiHost })};</script>
<script type="module" src="/bundle/analytics.js"></script></body></html>`;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript' };

describe('@segment/analytics-next in headless Chromium', () => {
  let sys: TestSystem;
  let gw: GatewaySystem;
  let api: { port: number; close(): Promise<void> };
  let site: Server;
  let siteUrl: string;
  let dir: string;
  const seg: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'liveseg-browser-sdk-'));
    // The site: the SDK bundled from node_modules into dir/bundle, as a site's build would.
    writeFileSync(join(dir, 'entry.js'), ENTRY_JS);
    const { build } = await import('vite');
    await build({
      root: dir,
      logLevel: 'warn',
      configFile: false,
      resolve: { alias: { '@segment/analytics-next': join(ROOT, 'node_modules/@segment/analytics-next') } },
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        outDir: join(dir, 'bundle'),
        target: 'es2022',
        minify: false,
        lib: { entry: join(dir, 'entry.js'), formats: ['es'], fileName: () => 'analytics.js' },
      },
    });
    site = createServer((req, res) => {
      const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
      const file = path.startsWith('/bundle/') ? join(dir, path) : undefined;
      const html: Record<string, string> = { '/': 'Home', '/landing.html': 'Landing', '/pricing.html': 'Pricing', '/about.html': 'About' };
      if (html[path]) res.writeHead(200, { 'content-type': TYPES['.html'] }).end(page(html[path], `127.0.0.1:${api.port}/v1`));
      else if (path === '/favicon.ico') res.writeHead(204).end();
      else if (file) {
        try {
          res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
        } catch {
          res.writeHead(404).end();
        }
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', () => r()));
    siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`;

    sys = await startTestSystem({ partitions: 4, keys: { admin: [ADMIN], ingest: [WRITE_KEY] } });
    gw = await createGateway(sys.nc, { keys: { admin: [ADMIN], ingest: [WRITE_KEY] }, corsOrigins: [siteUrl] });
    api = await serveNode(gw.app, 0, '127.0.0.1', { assets: false });
    const create = async (key: string, definition: unknown) => {
      const r = await sys.http('POST', '/v1/segments', definition, { authorization: `Bearer ${ADMIN}` });
      expect(r.status).toBe(201);
      seg[key] = r.json.id;
    };
    await create('fromNews', { name: 'From the news', trigger: { kind: 'referrer', referrer: { op: 'contains', value: 'news.example' } } });
    await create('pricing', { name: 'Saw pricing', trigger: { kind: 'page_visit', url: { op: 'contains', value: '/pricing.html' } } });
    await create('threePages', { name: 'Three pages', trigger: { kind: 'page_count', count: 3 } });
    await new Promise((r) => setTimeout(r, 300));
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    gw?.stop();
    await sys?.stop();
    await new Promise((r) => site?.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const entriesOf = async (segmentId: string, userId: string): Promise<Entry[]> =>
    (await sys.entries()).filter((e) => e.segmentId === segmentId && e.userId === userId);

  it('sends page views with their referrer; the anonymous visitor enters the referrer, page_visit and page_count segments', async () => {
    const browser = await startBrowser();
    const requests: Array<{ url: string; status: number }> = [];
    browser.page.on('response', (r) => {
      if (r.url().startsWith(`http://127.0.0.1:${api.port}/`)) requests.push({ url: r.url(), status: r.status() });
    });
    /** Runs `navigate` and waits for the page view it makes to be answered by the gateway. */
    const pageView = async (navigate: () => Promise<unknown>) => {
      const answered = browser.page.waitForResponse((r) => r.url().endsWith('/v1/p') && r.request().method() === 'POST', {
        timeout: 15_000,
      });
      await navigate();
      return (await answered).status();
    };
    try {
      // Arriving from a news site: the referrer analytics.js reads is document.referrer.
      expect(await pageView(() => browser.page.goto(`${siteUrl}/landing.html`, { referer: 'http://news.example/story-42' }))).toBe(200);
      const anonymousId = await browser.page.evaluate(() => (window as unknown as { sent: { anonymousId: string } }).sent.anonymousId);
      expect(anonymousId).toMatch(/^[0-9a-f-]{36}$/);
      // Two more pages of the same site: the same anonymousId (analytics.js keeps it in a cookie).
      expect(await pageView(() => browser.page.click('#next'))).toBe(200);
      expect(await pageView(() => browser.page.goto(`${siteUrl}/about.html`))).toBe(200);
      expect(await browser.page.evaluate(() => (window as unknown as { sent: { anonymousId: string } }).sent.anonymousId)).toBe(
        anonymousId,
      );

      const [fromNews] = await eventually(async () => {
        const es = await entriesOf(seg.fromNews, anonymousId);
        return es.length ? es : undefined;
      }, 15_000);
      expect(fromNews.cause.kind).toBe('referrer');
      await eventually(async () => (await entriesOf(seg.pricing, anonymousId)).length === 1, 15_000);
      await eventually(async () => (await entriesOf(seg.threePages, anonymousId)).length === 1, 15_000);

      // The user record is written behind the entries: wait for it to list all three.
      const user = await eventually(async () => {
        const r = await sys.http('GET', `/v1/users/${anonymousId}`, undefined, { authorization: `Bearer ${ADMIN}` });
        return r.status === 200 && r.json.segments.length === 3 ? r.json : undefined;
      }, 10_000);
      expect(user.segments.map((s: { segmentId: string }) => s.segmentId).sort()).toEqual(
        [seg.fromNews, seg.pricing, seg.threePages].sort(),
      );
      // Cross-origin POSTs to analytics.js's page path, each answered 200 (preflights aside).
      const posts = requests.filter((r) => r.url.endsWith('/v1/p'));
      expect(posts.length).toBe(3);
      expect(posts.every((r) => r.status === 200)).toBe(true);
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.stop();
    }
  }, 90_000);
});
