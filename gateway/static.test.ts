import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheControlOf, contentTypeOf, safeAssetPath, type AssetLoader } from './assets.ts';
import type { GatewayEnv } from './env.ts';
import { toResponse } from './errors.ts';
import { nodeAssets } from './node-assets.ts';
import { serveUi } from './static.ts';

const enc = new TextEncoder();
const files: Record<string, string> = {
  'index.html': '<!doctype html><p>ui',
  'assets/index-AbC123xy.js': 'console.log(1)',
  'favicon.svg': '<svg/>',
};
const memory: AssetLoader = async (p) => (files[p] === undefined ? undefined : { body: enc.encode(files[p]), type: contentTypeOf(p) });

const app = new Hono<GatewayEnv>();
app.onError((err, c) => toResponse(err, c, () => {}));
app.get('*', serveUi);
const get = (path: string, accept = '*/*', assets: AssetLoader | null = memory) =>
  app.fetch(new Request(`http://t${path}`, { headers: { accept } }), { ASSETS: assets ?? undefined });

describe('serving the UI', () => {
  it('serves index.html at / with no-cache, and hashed assets as immutable', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<p>ui');
    const js = await get('/assets/index-AbC123xy.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('answers client-side routes that accept HTML with index.html, everything else with a JSON 404', async () => {
    expect(await (await get('/segments/sg_1', 'text/html,application/xhtml+xml')).text()).toContain('<p>ui');
    const missing = await get('/assets/nope.js');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
    for (const api of ['/v1/x', '/v1', '/metrics/x', '/openapi.json']) {
      const res = await get(api, 'text/html');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
    }
  });

  it('answers a JSON 404 when no UI is available', async () => {
    const res = await get('/', 'text/html', null);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});

describe('safeAssetPath', () => {
  it.each([
    ['/', 'index.html'],
    ['/assets/a-1.js', 'assets/a-1.js'],
    ['/a%20b.png', 'a b.png'],
    ['/../etc/passwd', undefined],
    ['/assets/..%2f..%2fetc/passwd', undefined],
    ['/%2e%2e/x', undefined],
    ['/a//b', undefined],
    ['/.env', undefined],
    ['/a%5cb', undefined],
    ['/a%00b', undefined],
    ['/%E0%A4%A', undefined],
    ['/a%252e%252e', undefined],
  ])('%s → %s', (input, expected) => {
    expect(safeAssetPath(input)).toBe(expected);
  });
});

describe('nodeAssets', () => {
  const root = mkdtempSync(join(tmpdir(), 'liveseg-ui-'));
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<p>hi');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  symlinkSync(join(root, 'secret.txt'), join(dist, 'assets', 'link.txt'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const load = nodeAssets(dist);

  it('reads files inside its root only', async () => {
    expect(new TextDecoder().decode((await load('index.html'))!.body)).toBe('<p>hi');
    expect(await load('../secret.txt')).toBeUndefined();
    expect(await load('/etc/passwd')).toBeUndefined();
    expect(await load('assets')).toBeUndefined(); // a directory
    expect(await load('nope.html')).toBeUndefined();
    expect(await load('assets/link.txt')).toBeUndefined(); // a symlink out of the root
  });

  it('names content types and cache rules', () => {
    expect(contentTypeOf('a/b.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
    expect(cacheControlOf('assets/index-DiwrgTda.css')).toContain('immutable');
    expect(cacheControlOf('assets/logo.svg')).toBe('no-cache');
  });
});
