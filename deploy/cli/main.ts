import process from 'node:process';
import { LivesegError } from '../../actors/errors.ts';

const USAGE = `usage: liveseg <command> [options]

  dev      [--port 8080] [--host 127.0.0.1] [--data-dir .liveseg] [--workers 2] [--partitions 16] [--no-demo]
           embedded NATS (unless NATS_URL is set), gateway, workers and demo traffic
  gateway  [--port 8080] [--host 0.0.0.0]     the gateway alone, against NATS_URL
  worker   [--id NAME]                        one worker, against NATS_URL; partitions are leased
  status   [--json]                           partitions, owners, consumer lag, pending timers
  init     [--partitions 16] [--replicas 1] [--input-retention 7d] [--entries-retention DURATION|forever]
           provisions the streams and buckets on NATS_URL (idempotent)
  cluster  [--port 8080] [--workers 3] [--data-dir .liveseg-cluster] [--partitions 16]
           a 3-node NATS cluster (R3), a gateway and N workers on this machine
`;

const commands: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  dev: () => import('./dev.ts'),
  gateway: () => import('./gateway.ts'),
  worker: () => import('./worker.ts'),
  status: () => import('./status.ts'),
  init: () => import('./init.ts'),
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
  // Expected failures (bad options, NATS unreachable, refused credentials, not provisioned) are
  // one line that says what to do; the stack only with LIVESEG_LOG_LEVEL=debug.
  const { natsFailure, natsUrlForLog } = await import('./nats-connect.ts');
  const failure = natsFailure(err, natsUrlForLog());
  const message =
    failure instanceof LivesegError
      ? failure.message
      : `unexpected error: ${failure instanceof Error ? failure.message : String(failure)} (LIVESEG_LOG_LEVEL=debug shows the stack)`;
  process.stderr.write(`liveseg ${name}: ${message}\n`);
  if (process.env.LIVESEG_LOG_LEVEL === 'debug') {
    for (let e: unknown = err; e instanceof Error; e = e.cause) process.stderr.write(`${e.stack}\n`);
  }
  process.exit(1);
}
