import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAM_ENTRIES, STREAM_IN } from '../../actors/bus/names.ts';
import { freePort, startNatsServer, type NatsServer } from '../nats/index.ts';

const exec = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../bin/liveseg.mjs');
const DAY_NS = 86_400e9;

/** Runs `liveseg ARGS`; resolves with its exit code and output whatever the code. */
async function liveseg(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** One line on stderr, no stack trace. */
const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('liveseg init', () => {
  let server: NatsServer;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'liveseg-init-'));
    server = await startNatsServer({ dataDir: dir });
    env = { NATS_URL: server.url, LIVESEG_ADMIN_KEYS: 'k' };
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses gateway, worker and status on an unprovisioned NATS with one line naming liveseg init', async () => {
    for (const command of ['gateway', 'worker', 'status']) {
      const r = await liveseg([command], env);
      expect(r.code, command).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^liveseg ${command}: .*\`liveseg init\``));
      oneLine(r.stderr);
    }
  }, 60_000);

  it('provisions, then finds everything provisioned the same way', async () => {
    const first = await liveseg(['init', '--partitions', '4'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/4 partitions/);
    expect(first.stdout).toMatch(/created: .*KV_liveseg_config.*LIVESEG_IN.*LIVESEG_ENTRIES/);
    expect(first.stdout).toMatch(/retention: inputs 7 days, entries forever/);
    const again = await liveseg(['init', '--partitions', '4'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/created/);
    expect(again.stdout).toMatch(/found: .*LIVESEG_IN/);
    expect(again.stdout).toMatch(/already provisioned; nothing changed/);
    // Without --partitions the stored count is used.
    expect((await liveseg(['init'], env)).stdout).toMatch(/4 partitions[\s\S]*nothing changed/);

    const nc = await connect({ servers: server.url });
    try {
      const config = await new Kvm(nc).open('liveseg_config');
      expect((await config.get('partitions'))?.string()).toBe('4');
      const jsm = await jetstreamManager(nc);
      expect((await jsm.streams.info(STREAM_IN)).config.max_age).toBe(7 * DAY_NS);
      expect((await jsm.streams.info(STREAM_ENTRIES)).config.max_age).toBe(0);
    } finally {
      await nc.close();
    }
  }, 60_000);

  it('refuses a different partition count with one line', async () => {
    const r = await liveseg(['init', '--partitions', '8'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/provisioned with 4 partitions, not 8/);
    oneLine(r.stderr);
  }, 30_000);

  it('changes retention of existing streams when asked', async () => {
    const r = await liveseg(['init', '--input-retention', '30d', '--entries-retention', '365d'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/updated LIVESEG_IN: retention 30 days \(was 7 days\)/);
    expect(r.stdout).toMatch(/updated LIVESEG_ENTRIES: retention 365 days \(was forever\)/);
    const back = await liveseg(['init', '--entries-retention', 'forever'], env);
    expect(back.stdout).toMatch(/retention: inputs 30 days, entries forever/);
    const nc = await connect({ servers: server.url });
    try {
      const jsm = await jetstreamManager(nc);
      expect((await jsm.streams.info(STREAM_IN)).config.max_age).toBe(30 * DAY_NS);
      expect((await jsm.streams.info(STREAM_ENTRIES)).config.max_age).toBe(0);
    } finally {
      await nc.close();
    }
  }, 60_000);

  it('refuses bad options with one line', async () => {
    for (const args of [['--input-retention', '7 days'], ['--input-retention', '5m'], ['--replicas', '0'], ['--bogus']]) {
      const r = await liveseg(['init', ...args], env);
      expect(r.code, args.join(' ')).toBe(1);
      oneLine(r.stderr);
    }
  }, 60_000);

  it('says when NATS cannot be reached, with the stack only at debug level', async () => {
    const url = `nats://127.0.0.1:${await freePort()}`;
    const r = await liveseg(['status'], { NATS_URL: url });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(`cannot reach NATS at ${url}`);
    oneLine(r.stderr);
    const debug = await liveseg(['status'], { NATS_URL: url, LIVESEG_LOG_LEVEL: 'debug' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  }, 30_000);
});
