import process from 'node:process';
import { LivesegError } from '../../actors/errors.ts';

const USAGE = `usage: liveseg <command> [options]

  dev      [--port 8080] [--host 127.0.0.1] [--data-dir .liveseg] [--workers 2] [--partitions 16] [--no-demo]
           embedded NATS (unless NATS_URL is set), gateway, workers and demo traffic
  gateway  [--port 8080] [--host 0.0.0.0]     the gateway alone, against NATS_URL
  worker   [--id NAME]                        one worker, against NATS_URL; partitions are leased
  status   [--json]                           partitions, owners, consumer lag, pending timers
  cluster  [--port 8080] [--workers 3] [--data-dir .liveseg-cluster] [--partitions 16]
           a 3-node NATS cluster (R3), a gateway and N workers on this machine
`;

const commands: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  dev: () => import('./dev.ts'),
  gateway: () => import('./gateway.ts'),
  worker: () => import('./worker.ts'),
  status: () => import('./status.ts'),
  cluster: () => import('./cluster.ts'),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? commands[name] : undefined;
if (!load) {
  process.stderr.write(name && name !== 'help' && name !== '--help' ? `unknown command: ${name}\n\n${USAGE}` : USAGE);
  process.exit(name && name !== 'help' && name !== '--help' ? 2 : 0);
}
try {
  await (await load()).run(args);
} catch (err) {
  if (err instanceof LivesegError) {
    process.stderr.write(`liveseg ${name}: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
