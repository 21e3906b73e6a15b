import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { LivesegError } from '../../actors/errors.ts';
import { ensureNatsServer } from './install.ts';

/** A nats-server process this program started. */
export interface NatsServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** SIGTERM (or `signal`), then SIGKILL after a grace period; resolves when it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface NatsServerOptions {
  /** Store directory for JetStream (created if missing). */
  dataDir: string;
  /** Client port; 0 or absent picks a free one. */
  port?: number;
  host?: string;
  /** A configuration file; it then sets listen address and store dir itself. */
  configFile?: string;
  readyTimeoutMs?: number;
  /** Receives the server's log lines. */
  log?: (line: string) => void;
  /** Added to the server's environment (auth.conf reads its passwords from there). */
  env?: Record<string, string>;
}

/** A free TCP port on loopback. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const canConnect = (port: number, host: string) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, host);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/** Stops a nats-server left behind by an earlier run on the same data dir (its pid file). */
function killStale(pidFile: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8'));
  } catch {
    return;
  }
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmd.includes('nats-server')) process.kill(pid, 'SIGKILL');
  } catch {
    /* not running */
  }
  rmSync(pidFile, { force: true });
}

/** Starts nats-server with JetStream on loopback and waits until it accepts clients. */
export async function startNatsServer(opts: NatsServerOptions): Promise<NatsServer> {
  const binary = ensureNatsServer();
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port || (await freePort(host));
  const storeDir = join(opts.dataDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const pidFile = join(opts.dataDir, 'nats-server.pid');
  killStale(pidFile);
  const args = opts.configFile ? ['-c', opts.configFile] : ['-a', host, '-p', String(port), '-js', '-sd', storeDir];
  const child = spawn(binary, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: opts.env ? { ...process.env, ...opts.env } : process.env,
  });
  writeFileSync(pidFile, String(child.pid));
  let output = '';
  const onData = (d: Buffer) => {
    const text = d.toString();
    if (output.length < 20_000) output += text;
    if (opts.log) for (const line of text.split('\n')) if (line.trim()) opts.log(line);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 20_000);
  while (!(/Server is ready/.test(output) && (await canConnect(port, host)))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new LivesegError('nats_start_failed', `nats-server did not start on ${host}:${port}:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url: `nats://${host}:${port}`,
    port,
    process: child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(pidFile, { force: true });
    },
  };
}
