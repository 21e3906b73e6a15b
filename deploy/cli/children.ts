import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const BIN = resolve(fileURLToPath(import.meta.url), '../../bin/liveseg.mjs');

/**
 * V8 flags for liveseg processes (the bin's shebang line has the same). A worker allocates a few
 * short-lived objects per input; a 64 MB young generation (default 16) promotes fewer of them, and
 * one worker drained a backlog ~15% faster with it (deploy/bench/suite.ts, processing phase). How
 * far the old generation may grow is set at run time by the worker (see heap-slack.ts).
 */
export const NODE_FLAGS = ['--max-semi-space-size=64'];

/**
 * Starts `liveseg ARGS` as a child process; resolves once its output contains `readyMark`. The
 * child exits when this process dies, even by SIGKILL (its stdin pipe closes).
 */
export function spawnChild(args: string[], natsUrl: string, readyMark: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...NODE_FLAGS, BIN, ...args], {
    env: { ...process.env, ...env, NATS_URL: natsUrl, LIVESEG_PARENT_PIPE: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((started, reject) => {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      process.stderr.write(d);
      buffer += d.toString();
      if (buffer.includes(readyMark)) started(child);
      if (buffer.length > 10_000) buffer = buffer.slice(-1000);
    });
    child.once('exit', (code) => reject(new Error(`liveseg ${args.join(' ')} exited with ${code} before it was ready`)));
  });
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the child has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
