import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { LivesegError } from '../../actors/errors.ts';
import { cachedNatsServer, commandPath, fetchNewestNatsServer } from './newest.ts';

const CANDIDATES = ['/usr/bin/nats-server', '/usr/sbin/nats-server', '/usr/local/bin/nats-server'];

/**
 * Finds nats-server: `NATS_SERVER_BIN`, else the newest one fetched into the cache
 * (deploy/nats/newest.ts), else the system's (PATH or the usual places).
 */
export function findNatsServer(): string | undefined {
  const fromEnv = process.env.NATS_SERVER_BIN;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return cachedNatsServer() ?? systemNatsServer();
}

/** The system's nats-server (Debian 12: 2.9.10), on PATH or in the usual places. */
export function systemNatsServer(): string | undefined {
  return commandPath('nats-server') ?? CANDIDATES.find((p) => existsSync(p));
}

let fetchTried = false;

/**
 * Returns the nats-server binary to run: `NATS_SERVER_BIN`; else the newest of Debian's packages,
 * fetched into the cache once (unless `LIVESEG_NATS_FETCH=0`); else the system's, installing the
 * Debian package first when it is missing and we may (root with apt-get). Otherwise fails with
 * instructions.
 */
export function ensureNatsServer(say: (line: string) => void = console.log): string {
  const named = process.env.NATS_SERVER_BIN;
  if (named) {
    // Named explicitly (CI's run on the oldest server, the benchmarks): never another one silently.
    if (existsSync(named)) return named;
    throw new LivesegError('bad_config', `NATS_SERVER_BIN names ${named}, which does not exist`);
  }
  const cached = cachedNatsServer();
  if (cached) return cached;
  if (!fetchTried && process.env.LIVESEG_NATS_FETCH !== '0') {
    fetchTried = true;
    say('fetching the newest nats-server of Debian unstable into the cache (LIVESEG_NATS_FETCH=0 skips this) …');
    const fetched = fetchNewestNatsServer(say);
    if (fetched) return fetched;
  }
  const found = findNatsServer();
  if (found) return found;
  const canApt = process.getuid?.() === 0 && commandPath('apt-get') !== undefined;
  if (!canApt) {
    throw new LivesegError(
      'nats_server_missing',
      'nats-server is not installed and cannot be installed automatically (needs root and apt-get).\n' +
        '  Debian/Ubuntu: sudo apt-get install -y nats-server\n' +
        '  elsewhere:     https://docs.nats.io/running-a-nats-service/introduction/installation\n' +
        '  or point NATS_SERVER_BIN at a binary, or NATS_URL at a running server with JetStream.',
    );
  }
  say('nats-server is missing: installing the Debian package (apt-get install -y nats-server) …');
  const run = (args: string[]) =>
    spawnSync('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  if (run(['install', '-y', '-qq', 'nats-server']).status !== 0) {
    run(['update', '-qq']);
    run(['install', '-y', '-qq', 'nats-server']);
  }
  const installed = findNatsServer();
  if (!installed) throw new LivesegError('nats_server_missing', 'apt-get could not install nats-server; install it by hand');
  return installed;
}
