/** Starts what the browser tests need: a built UI, a real `liveseg dev`, and headless Chromium. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../deploy/testing/chromium.ts';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
/** Where screenshots go (gitignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/** Builds ui/dist when it is missing or older than the UI sources. */
export { ensureUiBundle as ensureBuilt } from '../../deploy/pack/ui-bundle.ts';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

/** A running `liveseg dev --no-demo` in its own process group. */
export interface DevSystem {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Spawns the real CLI and waits for its `ready:` line. */
export async function startDev(): Promise<DevSystem> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'liveseg-ui-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'deploy/bin/liveseg.mjs'), 'dev', '--port', String(port), '--data-dir', dataDir, '--no-demo', '--workers', '1'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LIVESEG_ADMIN_KEYS: '', LIVESEG_INGEST_KEYS: '' },
    },
  );
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`liveseg dev did not start in 45 s:\n${out.slice(-3000)}`)), 45_000);
    const check = () => {
      const m = /ready: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        done(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`liveseg dev exited with ${code}:\n${out.slice(-3000)}`));
    });
  });
  return {
    url,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const force = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, 10_000);
        await exited;
        clearTimeout(force);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Debian Chromium with a fresh profile, and the page's console errors. */
export async function startBrowser(
  width = 1280,
  height = 900,
): Promise<{ context: BrowserContext; page: Page; errors: string[]; stop(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'liveseg-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width, height },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return {
    context,
    page,
    errors,
    async stop() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
