import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AckPublisher } from '../../actors/bus/ack-publisher.ts';
import { STREAM_ENTRIES, STREAM_IN } from '../../actors/bus/names.ts';
import { createProducer } from '../../actors/bus/producer.ts';
import { connectNats, SERVICE_INBOX_PREFIX } from '../cli/nats-connect.ts';
import { spawnWorker, type WorkerProcess } from '../testing/processes.ts';
import { eventually } from '../testing/system.ts';
import {
  clientAuthEnv,
  freePort,
  generatePasswords,
  includeAuth,
  type NatsRole,
  type NatsServer,
  serverAuthEnv,
  startNatsServer,
  writeServerConfig,
} from './index.ts';

const exec = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../bin/liveseg.mjs');
const ADMIN_KEY = 'auth-test-admin-key';

/** Starts `liveseg gateway` as a child process; resolves with its base URL once it serves. */
async function spawnGateway(natsUrl: string, env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  return new Promise((started, reject) => {
    const child = spawn(process.execPath, [BIN, 'gateway', '--port', String(port), '--host', '127.0.0.1'], {
      env: { ...process.env, NATS_URL: natsUrl, LIVESEG_ADMIN_KEYS: ADMIN_KEY, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes('ready: http')) started({ base: `http://127.0.0.1:${port}`, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${out}`)));
  });
}

describe('deploy/nats/auth.conf on a real nats-server', () => {
  let dir: string;
  let server: NatsServer;
  let url: string;
  const passwords = generatePasswords();
  /** Permission violations the server logged. */
  const violations: string[] = [];
  const connections: NatsConnection[] = [];
  const as = async (role: NatsRole) => {
    const nc = await connectNats({ name: `test-${role}`, env: { NATS_URL: url, ...clientAuthEnv(role, passwords) } });
    connections.push(nc);
    return nc;
  };
  /** A producer as one in another language would connect: default inbox prefix. */
  const asProducer = async () => {
    const nc = await connect({ servers: url, user: 'producer', pass: passwords.producer });
    connections.push(nc);
    return nc;
  };
  const refused = async (what: Promise<unknown>) => {
    await expect(what).rejects.toThrow(/Permissions Violation/);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'liveseg-auth-'));
    const port = await freePort();
    server = await startNatsServer({
      dataDir: dir,
      port,
      configFile: writeServerConfig(dir, port, [includeAuth(dir)]),
      env: serverAuthEnv(passwords),
      log: (line) => {
        if (/Violation/.test(line)) violations.push(line);
      },
    });
    url = server.url;
    const init = await exec(process.execPath, [BIN, 'init', '--partitions', '4'], {
      env: { ...process.env, NATS_URL: url, ...clientAuthEnv('admin', passwords) },
    });
    expect(init.stdout).toMatch(/provisioned/);
  }, 60_000);

  afterAll(async () => {
    for (const nc of connections) await nc.close().catch(() => undefined);
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a user without its password, and only admin may change the streams', async () => {
    await expect(connect({ servers: url, user: 'worker', pass: 'not-it' })).rejects.toThrow(/Authorization Violation/);
    for (const role of ['gateway', 'worker', 'producer'] as const) {
      const env = { ...process.env, NATS_URL: url, ...clientAuthEnv(role, passwords) };
      const r = await exec(process.execPath, [BIN, 'init', '--input-retention', '30d'], { env }).catch((e) => e);
      expect(r.code, role).toBe(1);
      expect(r.stderr).toMatch(/NATS denied this user a permission it needs/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 60_000);

  it('runs the whole system as the gateway and worker users, without a permission violation', async () => {
    violations.length = 0;
    const workers: WorkerProcess[] = [];
    const gateway = await spawnGateway(url, clientAuthEnv('gateway', passwords));
    try {
      workers.push(await spawnWorker(url, 'w1', { env: clientAuthEnv('worker', passwords) }));
      const call = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${gateway.base}${path}`, {
          method,
          headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, json: await res.json().catch(() => undefined) };
      };
      const buyers = await call('POST', '/v1/segments', { name: 'Buyers', trigger: { kind: 'action', event: 'Buy' } });
      const carts = await call('POST', '/v1/segments', {
        name: 'Cart no pay',
        trigger: { kind: 'inaction', event: 'Cart', without: { event: 'Pay' }, within: '2s' },
      });
      expect(buyers.status).toBe(201);
      expect(carts.status).toBe(201);
      // Over HTTP, and from a producer connected as `producer`.
      expect((await call('POST', '/v1/events', [{ userId: 'a-1', name: 'Buy' }])).status).toBe(202);
      expect((await call('POST', '/v1/profiles', [{ userId: 'a-1', props: { email: 'a1@example.com' } }])).status).toBe(202);
      const producer = await createProducer(await asProducer());
      await producer.publishEvent({ id: 'p-1', userId: 'a-2', name: 'Buy', ts: Date.now(), props: {} });
      for (let i = 0; i < 8; i++) await producer.publishEvent({ id: `c-${i}`, userId: `c-${i}`, name: 'Cart', ts: Date.now(), props: {} });
      // A second worker shares the partitions, then dies without a goodbye: the first takes over.
      workers.push(await spawnWorker(url, 'w2', { env: clientAuthEnv('worker', passwords) }));
      await workers[1].kill('SIGKILL');
      await eventually(async () => (await call('GET', `/v1/segments/${buyers.json.id}/members`)).json?.total === 2, 15_000, 200);
      await eventually(async () => (await call('GET', `/v1/segments/${carts.json.id}/members`)).json?.total === 8, 20_000, 200);
      expect((await call('GET', `/v1/segments/${buyers.json.id}/report`)).status).toBe(200);
      expect((await call('GET', '/v1/users/a-1')).json.profile.props).toEqual({ email: 'a1@example.com' });
      expect((await call('GET', '/readyz')).status).toBe(200);
      expect((await call('GET', '/metrics')).status).toBe(200);
      // The live feed (entries and input activity) for a moment.
      const live = new AbortController();
      const feed = await fetch(`${gateway.base}/v1/segments/${buyers.json.id}/live`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
        signal: live.signal,
      });
      expect(feed.status).toBe(200);
      await call('POST', '/v1/events', [{ userId: 'a-3', name: 'Buy' }]);
      await new Promise((r) => setTimeout(r, 1500));
      live.abort();
      expect((await call('DELETE', `/v1/segments/${carts.json.id}`)).status).toBe(204);
      const status = await exec(process.execPath, [BIN, 'status', '--json'], {
        env: { ...process.env, NATS_URL: url, ...clientAuthEnv('admin', passwords) },
      });
      expect(JSON.parse(status.stdout).partitions).toHaveLength(4);
    } finally {
      for (const w of workers) await w.kill();
      gateway.child.kill('SIGTERM');
    }
    expect(violations).toEqual([]);
  }, 90_000);

  it('a producer publishes inputs and reads the partition count, and nothing else', async () => {
    const nc = await asProducer();
    const producer = await createProducer(nc);
    expect(producer.partitions).toBe(4);
    expect((await producer.publishEvent({ id: 'pp-1', userId: 'u', name: 'X', ts: Date.now(), props: {} })).stream).toBe(STREAM_IN);
    const js = jetstream(nc, { timeout: 3000 });
    await refused(js.publish('liveseg.entries.sg_forged', '{}'));
    await refused(js.publish('$KV.liveseg_segments.sg_forged', '{}'));
    await refused((await new Kvm(nc).open('liveseg_users')).get('0.dQ'));
    await refused((await new Kvm(nc).open('liveseg_segments')).get('sg_x'));
    await refused((await new Kvm(nc).open('liveseg_timers')).get('0.dQ'));
    const jsm = await jetstreamManager(nc, { checkAPI: false, timeout: 3000 });
    await refused(jsm.streams.info(STREAM_ENTRIES));
    await refused(jsm.streams.getMessage(STREAM_ENTRIES, { seq: 1 }));
    await refused(jsm.consumers.add(STREAM_ENTRIES, { name: 'spy' }));
    await refused(jsm.streams.delete(STREAM_IN));
    await refused(jsm.streams.purge(STREAM_IN));
    await refused(jsm.streams.add({ name: 'EVIL', subjects: ['evil.>'] }));
    await refused(jsm.streams.update(STREAM_IN, { max_age: 1 }));
    for (const subject of ['liveseg.in.>', 'liveseg.entries.>', '$KV.>', `${SERVICE_INBOX_PREFIX}.>`, '>']) {
      const sub = nc.subscribe(subject);
      expect(String(await sub.closed), subject).toMatch(/Permissions Violation for Subscription/);
    }
    // Still connected and allowed what it may do.
    expect((await producer.publishEvent({ id: 'pp-2', userId: 'u', name: 'X', ts: Date.now(), props: {} })).duplicate).toBe(false);
  }, 60_000);

  it.each(['gateway', 'worker'] as const)('the %s user cannot create, change, purge or delete streams', async (role) => {
    const jsm: JetStreamManager = await jetstreamManager(await as(role), { timeout: 3000 });
    for (const stream of [STREAM_IN, STREAM_ENTRIES, 'KV_liveseg_users', 'KV_liveseg_segments']) {
      await refused(jsm.streams.delete(stream));
      await refused(jsm.streams.purge(stream));
      await refused(jsm.streams.update(stream, { max_age: 1 }));
    }
    await refused(jsm.streams.add({ name: 'EVIL', subjects: ['evil.>'] }));
    // The worker recreates the partition consumers it takes over; the gateway only reads their lag.
    if (role === 'gateway') await refused(jsm.consumers.delete(STREAM_IN, 'liveseg-p0'));
  });

  it('a producer listening on _INBOX.> receives nothing the gateway or the workers read', async () => {
    const nc = await asProducer();
    const seen: string[] = [];
    nc.subscribe('_INBOX.>', {
      callback: (_err, m) => {
        seen.push(new TextDecoder().decode(m.data));
      },
    });
    const gw = await as('gateway');
    const users = await new Kvm(gw).open('liveseg_users');
    await users.get('0.dQ').catch(() => undefined);
    const acks = new AckPublisher(gw);
    await acks.publish('liveseg.in.0.ev', new TextEncoder().encode('{}'));
    acks.stop('done');
    await nc.flush();
    expect(seen).toEqual([]);
  });
});
