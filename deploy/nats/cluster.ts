import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LivesegError } from '../../actors/errors.ts';
import { includeAuth, type NatsRole, serverAuthEnv } from './auth.ts';
import { freePort, startNatsServer, type NatsServer } from './launcher.ts';

/** A JetStream cluster of nats-server processes on loopback. */
export interface NatsCluster {
  nodes: NatsServer[];
  /** Server names of the nodes, in the order of `nodes` (what JetStream reports as leaders). */
  names: string[];
  /** Client URLs of every node, comma-separated (what NATS_URL takes). */
  url: string;
  stop(): Promise<void>;
}

/**
 * The configuration file of one node: its own client and route ports, routes to all peers, and
 * `extra` lines (an `include` of auth.conf).
 */
export function nodeConfig(
  name: string,
  clientPort: number,
  routePort: number,
  routePorts: number[],
  storeDir: string,
  extra: string[] = [],
): string {
  return `# liveseg: one node of a ${routePorts.length}-node JetStream cluster on loopback
${extra.map((l) => `${l}\n`).join('')}server_name: ${name}
listen: 127.0.0.1:${clientPort}
jetstream { store_dir: "${storeDir}" }
cluster {
  name: liveseg
  listen: 127.0.0.1:${routePort}
  routes: [${routePorts.map((p) => `nats-route://127.0.0.1:${p}`).join(', ')}]
}
`;
}

/** What a node logs once it knows the JetStream meta leader (itself or a peer). */
const META_LEADER = /JetStream cluster new metadata leader|Self is new JetStream cluster metadata leader/;

export interface NatsClusterOptions {
  dataDir: string;
  size?: number;
  clientPorts?: number[];
  routePorts?: number[];
  /** How long to wait for the nodes to agree on a JetStream meta leader (default 30 s). */
  readyTimeoutMs?: number;
  /** Receives every node's log lines. */
  log?: (node: string, line: string) => void;
  /** Authentication on: the nodes include auth.conf and read these passwords from their environment. */
  passwords?: Record<NatsRole, string>;
}

/**
 * Starts a cluster (3 nodes by default) with configuration files written into `dataDir`, and
 * resolves once every node knows the JetStream meta leader. Before that, JetStream API requests go
 * unanswered and time out (measured: the first provisioning attempt lost 5 s that way). Streams on
 * it should be provisioned with `replicas: 3` so that losing one node loses nothing.
 */
export async function startNatsCluster(opts: NatsClusterOptions): Promise<NatsCluster> {
  const size = opts.size ?? 3;
  const clientPorts = opts.clientPorts ?? (await Promise.all([...Array(size)].map(() => freePort())));
  const routePorts = opts.routePorts ?? (await Promise.all([...Array(size)].map(() => freePort())));
  const names = [...Array(size).keys()].map((i) => `node${i + 1}`);
  const knowsLeader = names.map(() => false);
  let leaderKnown = () => {};
  const allKnowLeader = new Promise<void>((resolve) => {
    leaderKnown = resolve;
  });
  const nodes = await Promise.all(
    names.map(async (name, i) => {
      const dir = join(opts.dataDir, name);
      mkdirSync(dir, { recursive: true });
      const conf = join(dir, 'nats.conf');
      const extra = opts.passwords ? [includeAuth(dir)] : [];
      writeFileSync(conf, nodeConfig(name, clientPorts[i], routePorts[i], routePorts, join(dir, 'jetstream'), extra));
      return startNatsServer({
        dataDir: dir,
        port: clientPorts[i],
        configFile: conf,
        env: opts.passwords ? serverAuthEnv(opts.passwords) : undefined,
        log: (line) => {
          opts.log?.(name, line);
          if (!knowsLeader[i] && META_LEADER.test(line)) {
            knowsLeader[i] = true;
            if (knowsLeader.every(Boolean)) leaderKnown();
          }
        },
      });
    }),
  );
  const cluster: NatsCluster = {
    nodes,
    names,
    url: nodes.map((n) => n.url).join(','),
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeoutMs = opts.readyTimeoutMs ?? 30_000;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), timeoutMs);
  });
  const late = await Promise.race([allKnowLeader.then(() => false), timedOut]);
  clearTimeout(timer);
  if (late) {
    await cluster.stop();
    throw new LivesegError('nats_start_failed', `the ${size} NATS nodes elected no JetStream meta leader within ${timeoutMs} ms`);
  }
  return cluster;
}
