import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const DENO = resolve(ROOT, 'node_modules/.bin/deno');
const KEY = 'deno-admin-key';

describe('the gateway under Deno (Deno.serve, same app)', () => {
  let sys: TestSystem;
  let child: ChildProcess;
  let base: string;
  let output = '';

  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 2, worker: false });
    await sys.http('POST', '/v1/segments', { name: 'Seen from Deno', trigger: { kind: 'action', event: 'X' } });
    // The one gateway entry, as on Node; NATS_URL lists the (single) node twice, as a cluster's list would.
    const permissions = ['--allow-net', '--allow-env', '--allow-read', '--allow-sys'];
    const args = ['run', ...permissions, 'deploy/cli/main.ts', 'gateway', '--port', '0', '--host', '127.0.0.1'];
    child = spawn(DENO, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        NATS_URL: `${sys.nats.url},${sys.nats.url}`,
        LIVESEG_ADMIN_KEYS: KEY,
        LIVESEG_LOG_LEVEL: 'debug',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    base = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`deno gateway did not start:\n${output}`)), 45_000);
      const read = (d: Buffer) => {
        output += d;
        const m = /ready: (http:\/\/\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          ok(m[1]);
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`deno exited with ${code}:\n${output}`));
      });
    });
  }, 60_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    await sys?.stop();
  });

  it('answers health, lists segments with a key, streams SSE and serves the UI', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });
    expect((await fetch(`${base}/v1/segments`)).status).toBe(401);
    const list = await fetch(`${base}/v1/segments`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(list.status).toBe(200);
    const { segments } = await list.json();
    expect(segments.map((s: { name: string }) => s.name)).toEqual(['Seen from Deno']);
    const ui = await fetch(`${base}/`);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toContain('text/html');
    const live = await fetch(`${base}/v1/segments/${segments[0].id}/live`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(live.headers.get('content-type')).toContain('text/event-stream');
    const reader = live.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected');
    await reader.cancel();
    const bad = await fetch(`${base}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: '{"userId": ' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_json');
  });

  it('serves with Deno.serve and honours LIVESEG_LOG_LEVEL (requests are logged at debug)', () => {
    expect(output).toMatch(/"msg":"gateway listening".*"runtime":"deno"/);
    expect(output).toContain('"level":"debug"');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);
});
