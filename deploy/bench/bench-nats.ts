/** A fresh nats-server on its own port and temp dir, with liveseg provisioned, owned by a Scope. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { BUCKET_SEGMENTS } from '../../actors/bus/names.ts';
import { provision } from '../../actors/bus/provision.ts';
import type { Segment } from '../../actors/types.ts';
import { startNatsServer } from '../nats/index.ts';
import type { Scope } from './scope.ts';

/** A provisioned server and a connection to it. */
export interface BenchNats {
  url: string;
  nc: NatsConnection;
  dataDir: string;
  /** Another connection (e.g. so the measured side does not share a socket with the measuring side). */
  connect(): Promise<NatsConnection>;
}

/** Starts nats-server in a temp dir, connects and provisions `partitions` partitions. */
export async function startBenchNats(scope: Scope, partitions: number): Promise<BenchNats> {
  const dataDir = scope.add('temp dir', mkdtempSync(join(tmpdir(), 'liveseg-bench-')), (d) => rmSync(d, { recursive: true, force: true }));
  const server = await startNatsServer({ dataDir });
  scope.add('nats-server', server, (s) => s.stop());
  const open = async () => {
    // No async stack traces: capturing one per request was ~40% of a publisher's CPU profile.
    const nc = await connect({ servers: server.url, noAsyncTraces: true });
    return scope.add('connection', nc, (c) => c.close());
  };
  const nc = await open();
  await provision(nc, { partitions });
  return { url: server.url, nc, dataDir, connect: open };
}

/** Stores segments in the segments bucket, as the gateway does when they are created. */
export async function putSegments(nc: NatsConnection, segments: Segment[]): Promise<void> {
  const kv = await new Kvm(nc).open(BUCKET_SEGMENTS);
  await Promise.all(segments.map((s) => kv.put(s.id, JSON.stringify(s))));
}
