import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { provision } from '../../actors/bus/provision.ts';
import { PartitionMismatchError } from '../../actors/errors.ts';
import { jsonLogger } from '../../actors/logger.ts';
import { clientAuthEnv, generatePasswords, NATS_ROLES, startNatsCluster } from '../nats/index.ts';
import { connectNats } from './nats-connect.ts';
import { spawnChild, stopChild } from './children.ts';
import { gatewayOptionsFromEnv } from '../../gateway/config.ts';
import { intOption, logLevel, onShutdown, options } from './options.ts';

/**
 * `liveseg cluster`: the production shape on one machine — a 3-node JetStream cluster on loopback
 * (streams and buckets with 3 replicas), a gateway process and N worker processes. Authentication
 * is on (deploy/nats/auth.conf): passwords are generated per run, and each process connects as the
 * least-privileged user that can do its work.
 */
export async function run(args: string[]): Promise<void> {
  const o = options(args, {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    workers: { type: 'string' },
    partitions: { type: 'string' },
  });
  const port = intOption(o.port, 'port', 8080, 0, 65535);
  const workers = intOption(o.workers, 'workers', 3, 1, 64);
  const dataDir = resolve(o['data-dir'] ?? '.liveseg-cluster');
  const log = jsonLogger('cluster', logLevel(), (l) => process.stderr.write(`${l}\n`));
  const admin = gatewayOptionsFromEnv(process.env).keys.admin;
  const adminKey = admin[0] ?? crypto.randomUUID().replaceAll('-', '');

  const cleanups: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((e) => log.warn('stop step failed', { err: String(e) }));
  };
  onShutdown(stopAll);
  try {
    const passwords = generatePasswords();
    const cluster = await startNatsCluster({ dataDir, clientPorts: [4222, 4223, 4224], routePorts: [6222, 6223, 6224], passwords });
    cleanups.push(() => cluster.stop());
    const nc = await connectNats({
      name: 'liveseg-cluster',
      env: { NATS_URL: cluster.url, ...clientAuthEnv('admin', passwords) },
    });
    // A new cluster answers JetStream requests once it has elected a meta leader.
    for (let attempt = 0; ; attempt++) {
      try {
        await provision(nc, {
          replicas: 3,
          partitions: o.partitions === undefined ? undefined : intOption(o.partitions, 'partitions', 16, 1, 1024),
        });
        break;
      } catch (err) {
        if (attempt > 60 || err instanceof PartitionMismatchError) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await nc.close();
    const env = { LIVESEG_ADMIN_KEYS: [adminKey, ...admin.slice(1)].join(',') };
    const children = await Promise.all([
      ...[...Array(workers).keys()].map((i) =>
        spawnChild(['worker', '--id', `w${i + 1}`], cluster.url, '"worker started"', { ...env, ...clientAuthEnv('worker', passwords) }),
      ),
      spawnChild(['gateway', '--port', String(port), '--host', '127.0.0.1'], cluster.url, 'ready: http', {
        ...env,
        ...clientAuthEnv('gateway', passwords),
      }),
    ]);
    cleanups.push(() => Promise.all(children.map(stopChild)).then(() => undefined));
    process.stdout.write(`liveseg cluster: 3 NATS nodes (${cluster.url}), ${workers} workers, data in ${dataDir}\n`);
    // The generated NATS passwords go to a file only its owner can read, never to the output.
    const usersFile = join(dataDir, 'nats-users.env');
    writeFileSync(
      usersFile,
      `${NATS_ROLES.map((r) => `# ${r}: NATS_USER=${r} NATS_PASSWORD=${passwords[r]}`).join('\n')}\n` +
        `NATS_URL=${cluster.url}\nNATS_USER=admin\nNATS_PASSWORD=${passwords.admin}\n`,
      { mode: 0o600 },
    );
    process.stdout.write(`NATS users admin, gateway, worker and producer (passwords of this run in ${usersFile})\n`);
    if (!admin.length) process.stdout.write(`admin key (generated; set LIVESEG_ADMIN_KEYS to choose one): ${adminKey}\n`);
    process.stdout.write(`ready: http://127.0.0.1:${port}\n`);
  } catch (err) {
    await stopAll();
    throw err;
  }
}
