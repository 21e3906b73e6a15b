/** Real `liveseg worker` processes for a benchmark, stopped with its Scope; lease layout and memory probes. */
import { readFileSync } from 'node:fs';
import type { NatsConnection } from '@nats-io/nats-core';
import { Kvm } from '@nats-io/kv';
import { BUCKET_LEASES } from '../../actors/bus/names.ts';
import { spawnWorker, type WorkerProcess } from '../testing/processes.ts';
import type { Scope } from './scope.ts';

/**
 * Production lease timing, with a 500 ms heartbeat: two workers settle on a layout quickly, and the
 * counters each heartbeat publishes (what watchDrain follows) come twice a second.
 */
const WORKER_ENV = { LIVESEG_LEASE_TTL_MS: '10000', LIVESEG_HEARTBEAT_MS: '500' };

/** Starts `count` worker processes at once; resolves when every one has started. */
export async function startWorkers(
  scope: Scope,
  url: string,
  count: number,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<WorkerProcess[]> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, i) => spawnWorker(url, `bench-${i + 1}`, { env: { ...WORKER_ENV, ...env }, nodeArgs })),
  );
  const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  // SIGKILL: a benchmark's worker has nothing worth flushing, and a drain under backlog takes seconds.
  for (const w of workers) scope.add(`worker ${w.id}`, w, (x) => x.kill('SIGKILL'));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return workers;
}

/** True when `workers` distinct workers hold leases and every partition is held. */
export async function leasesBalanced(nc: NatsConnection, partitions: number, workers: number): Promise<boolean> {
  const kv = await new Kvm(nc).open(BUCKET_LEASES);
  const owners = await Promise.all(
    Array.from({ length: partitions }, async (_, p) => {
      const e = await kv.get(`partition.${p}`);
      return e && e.operation === 'PUT' ? e.json<{ owner: string }>().owner : undefined;
    }),
  );
  return owners.every(Boolean) && new Set(owners).size === workers;
}

/** Resident set size of a process, in MB (Linux). */
export const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
