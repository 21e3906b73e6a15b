import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../cli/children.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const BIN = resolve(ROOT, 'deploy/bin/liveseg.mjs');
const DENO = resolve(ROOT, 'node_modules/.bin/deno');

/** A `liveseg worker` child process. */
export interface WorkerProcess {
  id: string;
  child: ChildProcess;
  /** Everything it printed. */
  output(): string;
  /** Sends a signal and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `liveseg worker` under Node or Deno; resolves once it has taken its partitions. */
export function spawnWorker(
  natsUrl: string,
  id: string,
  opts: { runtime?: 'node' | 'deno'; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<WorkerProcess> {
  const args =
    opts.runtime === 'deno'
      ? [
          DENO,
          ['run', '--allow-net', '--allow-env', '--allow-read', '--allow-sys', resolve(ROOT, 'deploy/cli/main.ts'), 'worker', '--id', id],
        ]
      : [process.execPath, [...NODE_FLAGS, ...(opts.nodeArgs ?? []), BIN, 'worker', '--id', id]];
  const child = spawn(args[0] as string, args[1] as string[], {
    cwd: ROOT,
    env: { ...process.env, NATS_URL: natsUrl, LIVESEG_LEASE_TTL_MS: '2000', LIVESEG_HEARTBEAT_MS: '300', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const handle: WorkerProcess = {
    id,
    child,
    output: () => out,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  return new Promise((resolveStarted, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${id} did not start:\n${out}`)), 30_000);
    const check = () => {
      if (out.includes('"worker started"')) {
        clearTimeout(timer);
        resolveStarted(handle);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker ${id} exited with ${code}:\n${out}`));
    });
  });
}
