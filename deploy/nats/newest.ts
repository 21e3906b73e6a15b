/**
 * The newest nats-server Debian's packages carry, without changing the system: the package is
 * downloaded through a throw-away apt source list (Debian unstable), unpacked with dpkg-deb, and
 * its binary kept in a cache directory. Debian 12's own package is 2.9.10; measured on this
 * project's 2-core machine, 2.15.1 halved the event → entry p99 (18 against 33 ms) and timer
 * lateness with 1,000,000 pending windows (p99 235 against 334 ms) — see docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const SOURCE = 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian unstable main';

/** Where fetched servers are kept: `$LIVESEG_CACHE_DIR`, else `$XDG_CACHE_HOME/liveseg`, else `~/.cache/liveseg`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LIVESEG_CACHE_DIR) return env.LIVESEG_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'liveseg');
}

/** Where `tool` is on PATH, if it is. */
export function commandPath(tool: string): string | undefined {
  const which = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

/** Orders versions like "2.15.1" numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The newest server in the cache (`<cache>/nats-server/<version>/nats-server`), if any. */
export function cachedNatsServer(dir: string = cacheDir()): string | undefined {
  const root = join(dir, 'nats-server');
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+(\.\d+)*$/.test(v) && existsSync(join(root, v, 'nats-server')))
    .sort(compareVersions);
  const newest = versions.at(-1);
  return newest === undefined ? undefined : join(root, newest, 'nats-server');
}

/** The version a nats-server binary reports ("2.15.1"), or undefined when it does not run. */
export function natsServerVersion(binary: string): string | undefined {
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return /v?(\d+\.\d+\.\d+)/.exec(out.stdout ?? '')?.[1];
}

/**
 * Downloads the newest nats-server package of Debian unstable into the cache and returns its
 * binary; undefined (with the reason said) when apt-get or dpkg-deb are missing or the download
 * fails. Safe to run from several processes at once: each unpacks into a directory of its own and
 * the finished binary is renamed into place.
 */
export function fetchNewestNatsServer(say: (line: string) => void = () => {}, dir: string = cacheDir()): string | undefined {
  for (const tool of ['apt-get', 'dpkg-deb']) {
    if (!commandPath(tool)) {
      say(`cannot fetch the newest nats-server: ${tool} is missing`);
      return undefined;
    }
  }
  const work = mkdtempSync(join(tmpdir(), 'liveseg-nats-fetch-'));
  try {
    const lists = join(work, 'lists');
    const cache = join(work, 'cache');
    mkdirSync(join(lists, 'partial'), { recursive: true });
    mkdirSync(join(cache, 'archives', 'partial'), { recursive: true });
    writeFileSync(join(work, 'sources.list'), `${SOURCE}\n`);
    const apt = [
      ...['-o', `Dir::Etc::SourceList=${join(work, 'sources.list')}`, '-o', 'Dir::Etc::SourceParts=/dev/null'],
      ...['-o', `Dir::State::Lists=${lists}`, '-o', `Dir::Cache=${cache}`, '-o', 'Debug::NoLocking=1'],
      ...['-o', 'APT::Sandbox::User=root', '-q'],
    ];
    const run = (args: string[]) => spawnSync('apt-get', [...apt, ...args], { cwd: work, encoding: 'utf8', timeout: 120_000 });
    const update = run(['update']);
    if (update.status !== 0) {
      say(`cannot fetch the newest nats-server: apt-get update failed: ${lastLine(update.stderr)}`);
      return undefined;
    }
    const download = run(['download', 'nats-server']);
    const deb = readdirSync(work).find((f) => f.startsWith('nats-server_') && f.endsWith('.deb'));
    if (download.status !== 0 || deb === undefined) {
      say(`cannot fetch the newest nats-server: apt-get download failed: ${lastLine(download.stderr)}`);
      return undefined;
    }
    const unpacked = join(work, 'x');
    if (spawnSync('dpkg-deb', ['-x', join(work, deb), unpacked]).status !== 0) {
      say('cannot fetch the newest nats-server: dpkg-deb could not unpack the package');
      return undefined;
    }
    const binary = ['usr/sbin/nats-server', 'usr/bin/nats-server'].map((p) => join(unpacked, p)).find((p) => existsSync(p));
    const version = binary && natsServerVersion(binary);
    if (!binary || !version) {
      say('cannot fetch the newest nats-server: the package holds no runnable nats-server');
      return undefined;
    }
    const target = join(dir, 'nats-server', version);
    const staged = join(dir, 'nats-server', `.${version}-${process.pid}`);
    mkdirSync(staged, { recursive: true });
    copyFileSync(binary, join(staged, 'nats-server'));
    chmodSync(join(staged, 'nats-server'), 0o755);
    try {
      renameSync(staged, target);
    } catch (err) {
      // Another process put the same version in place first.
      rmSync(staged, { recursive: true, force: true });
      if (!existsSync(join(target, 'nats-server'))) throw err;
    }
    say(`nats-server ${version} (Debian unstable) is in ${target}`);
    return join(target, 'nats-server');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const lastLine = (text: string | null | undefined): string => (text ?? '').trim().split('\n').at(-1) ?? '';
