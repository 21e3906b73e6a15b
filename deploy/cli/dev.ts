import { resolve } from 'node:path';
import process from 'node:process';
import type { NatsConnection } from '@nats-io/nats-core';
import { createProducer } from '../../actors/bus/producer.ts';
import { provision } from '../../actors/bus/provision.ts';
import { jsonLogger } from '../../actors/logger.ts';
import { serveNode } from '../../gateway/node.ts';
import { gatewayOptionsFromEnv } from '../../gateway/config.ts';
import { createGateway } from '../../gateway/system.ts';
import { DEMO_SEGMENTS, startDemoTraffic } from '../demo/index.ts';
import { startNatsServer, type NatsServer } from '../nats/index.ts';
import { spawnChild, stopChild } from './children.ts';
import { connectNats, natsUrlForLog } from './nats-connect.ts';
import { intOption, logLevel, onShutdown, options } from './options.ts';

/**
 * `liveseg dev`: everything on one machine — embedded NATS (unless NATS_URL is set), provisioning,
 * worker processes, the gateway in this process and demo traffic. Stops it all on SIGINT/SIGTERM.
 */
export async function run(args: string[]): Promise<void> {
  const o = options(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    workers: { type: 'string' },
    partitions: { type: 'string' },
    'no-demo': { type: 'boolean' },
  });
  const port = intOption(o.port, 'port', 8080, 0, 65535);
  const workers = intOption(o.workers, 'workers', 2, 0, 64);
  const partitions = o.partitions === undefined ? undefined : intOption(o.partitions, 'partitions', 16, 1, 1024);
  const dataDir = resolve(o['data-dir'] ?? '.liveseg');
  const settings = gatewayOptionsFromEnv(process.env);
  const keys = settings.keys;
  const open = keys.admin.length === 0 && keys.ingest.length === 0;
  // Without keys the API is open, so it must not be reachable from other machines.
  const host = open ? '127.0.0.1' : (o.host ?? '127.0.0.1');
  const log = jsonLogger('dev', logLevel(), (l) => process.stderr.write(`${l}\n`));

  const cleanups: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch((e) => log.warn('stop step failed', { err: String(e) }));
  };
  onShutdown(stopAll);
  try {
    let nats: NatsServer | undefined;
    let url = process.env.NATS_URL;
    if (!url) {
      nats = await startNatsServer({ dataDir });
      url = nats.url;
      cleanups.push(() => nats!.stop());
      log.info('embedded nats-server started', { url, dataDir });
    }
    // With NATS_URL set, this process and its workers connect with the NATS_* credentials.
    const nc: NatsConnection = await connectNats({ name: 'liveseg-dev', reconnect: true, env: { ...process.env, NATS_URL: url } });
    cleanups.push(() => nc.drain().catch(() => undefined));
    const { partitions: p } = await provision(nc, { partitions });

    const children = await Promise.all(
      // On one machine, webhooks to local services are the point: dev allows private targets.
      [...Array(workers).keys()].map((i) =>
        spawnChild(['worker', '--id', `w${i + 1}`], url!, '"worker started"', { LIVESEG_DESTINATIONS_ALLOW_PRIVATE: '1' }),
      ),
    );
    cleanups.push(() => Promise.all(children.map(stopChild)).then(() => undefined));

    const gw = await createGateway(nc, {
      ...settings,
      destinations: { allowPrivate: true },
      log: jsonLogger('gateway', logLevel(), (l) => process.stderr.write(`${l}\n`)),
    });
    cleanups.push(() => gw.stop());
    const server = await serveNode(gw.app, port, host);
    cleanups.push(() => server.close());

    if (!o['no-demo']) {
      const existing = new Set(gw.segments.list().map((s) => s.name));
      for (const def of DEMO_SEGMENTS) if (!existing.has(def.name)) await gw.segments.create(def);
      const demo = startDemoTraffic({
        producer: await createProducer(nc),
        onError: (err) => log.warn('demo traffic publish failed', { err: String(err) }),
      });
      cleanups.push(() => demo.stop());
    }
    if (open) {
      process.stdout.write(
        'no API keys configured (LIVESEG_ADMIN_KEYS / LIVESEG_INGEST_KEYS): ' + 'the API is open and listens on 127.0.0.1 only\n',
      );
    }
    process.stdout.write(
      `liveseg dev: ${p} partitions, ${workers} worker(s), NATS ${natsUrlForLog({ NATS_URL: url })}, data in ${dataDir}\n`,
    );
    process.stdout.write(`ready: http://${host}:${server.port}\n`);
  } catch (err) {
    await stopAll();
    throw err;
  }
}
