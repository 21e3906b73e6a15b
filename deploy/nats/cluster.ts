import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startNatsServer, type NatsServer } from './launcher.ts';

/** A JetStream cluster of nats-server processes on loopback. */
export interface NatsCluster {
  nodes: NatsServer[];
  /** Client URLs of every node, comma-separated (what NATS_URL takes). */
  url: string;
  stop(): Promise<void>;
}

/** The configuration file of one node: its own client and route ports, routes to all peers. */
export function nodeConfig(name: string, clientPort: number, routePort: number, routePorts: number[], storeDir: string): string {
  return `# liveseg: one node of a ${routePorts.length}-node JetStream cluster on loopback
server_name: ${name}
listen: 127.0.0.1:${clientPort}
jetstream { store_dir: "${storeDir}" }
cluster {
  name: liveseg
  listen: 127.0.0.1:${routePort}
  routes: [${routePorts.map((p) => `nats-route://127.0.0.1:${p}`).join(', ')}]
}
`;
}

/**
 * Starts a cluster (3 nodes by default) with configuration files written into `dataDir`. Streams
 * on it should be provisioned with `replicas: 3` so that losing one node loses nothing.
 */
export async function startNatsCluster(opts: { dataDir: string; size?: number; clientPorts?: number[]; routePorts?: number[] }): Promise<NatsCluster> {
  const size = opts.size ?? 3;
  const clientPorts = opts.clientPorts ?? await Promise.all([...Array(size)].map(() => freePort()));
  const routePorts = opts.routePorts ?? await Promise.all([...Array(size)].map(() => freePort()));
  const nodes = await Promise.all([...Array(size).keys()].map(async (i) => {
    const dir = join(opts.dataDir, `node${i + 1}`);
    mkdirSync(dir, { recursive: true });
    const conf = join(dir, 'nats.conf');
    writeFileSync(conf, nodeConfig(`node${i + 1}`, clientPorts[i], routePorts[i], routePorts, join(dir, 'jetstream')));
    return startNatsServer({ dataDir: dir, port: clientPorts[i], configFile: conf });
  }));
  return {
    nodes,
    url: nodes.map((n) => n.url).join(','),
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
