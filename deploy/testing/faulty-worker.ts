import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { provision } from '../../actors/bus/provision.ts';
import type { LeaseTiming } from '../../actors/worker/leases.ts';
import type { CrashPoint, WriteFault } from '../../actors/worker/user-store.ts';
import { Worker } from '../../actors/worker/worker.ts';
import { startNatsServer } from '../nats/index.ts';
import { startTestSystem, type TestSystem } from './system.ts';
import { TcpProxy } from './tcp-proxy.ts';

/** An in-process worker on its own connections, for fault tests that stop it at a chosen write. */
export interface FaultyWorker {
  worker: Worker;
  /** Whether it has crashed (see `crashAt`). */
  readonly crashed: boolean;
  /** Resolves when it crashes. */
  crash: Promise<void>;
  /** Stops it for good without writing anything more (a kill); its leases then expire. */
  kill(): Promise<void>;
  /** Whether it holds partition `p`. */
  owns(p: number): boolean;
}

export interface FaultyWorkerOptions {
  leases: LeaseTiming;
  /** Crash on the `nth` time a cut's writes reach `point` (from 1). */
  crashAt?: { point: CrashPoint; nth: number };
  /** Called at every point between writes (after crash checks); may hold the writes by not resolving yet. */
  fault?: WriteFault;
  /** The URL of its data connection (e.g. through a TcpProxy); control goes there too unless `controlUrl`. */
  url: string;
  controlUrl?: string;
}

const never = new Promise<void>(() => {});

/** Starts a worker whose writes stop for good at `crashAt`: nothing after that point is written or acked. */
export async function startFaultyWorker(id: string, opts: FaultyWorkerOptions): Promise<FaultyWorker> {
  const open = (url: string) => connect({ servers: url.split(','), maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  const nc: NatsConnection = await open(opts.url);
  const control = opts.controlUrl ? await open(opts.controlUrl) : undefined;
  let crashed = false;
  let seen = 0;
  let onCrash!: () => void;
  const crash = new Promise<void>((r) => {
    onCrash = r;
  });
  const fault: WriteFault = async (point, p) => {
    if (crashed) return never;
    if (opts.crashAt && point === opts.crashAt.point && ++seen === opts.crashAt.nth) {
      crashed = true;
      onCrash();
      return never;
    }
    await opts.fault?.(point, p);
    // Held writes may be released after a crash elsewhere in this worker: a dead process writes nothing.
    if (crashed) return never;
  };
  const worker = await Worker.start(nc, { id, leases: opts.leases, fault, control });
  let killed = false;
  return {
    worker,
    get crashed() {
      return crashed;
    },
    crash,
    async kill() {
      if (killed) return;
      killed = true;
      crashed = true;
      onCrash();
      // Its flushes hang at the fault point; stopping only ends the heartbeats (never awaited).
      void worker.stop();
      await nc.close().catch(() => undefined);
      await control?.close().catch(() => undefined);
    },
    owns: (p) => worker.stats().partitions.includes(p),
  };
}

/**
 * A test system without a worker whose streams forget `Nats-Msg-Id`s after `duplicateWindowMs`
 * (set at creation: nats-server keeps purging on the window a stream was created with).
 */
export async function startShortWindowSystem(duplicateWindowMs: number, partitions = 1): Promise<TestSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'liveseg-window-'));
  const nats = await startNatsServer({ dataDir });
  const nc = await connect({ servers: nats.url });
  await provision(nc, { partitions, duplicateWindowMs });
  await nc.close();
  const sys = await startTestSystem({ nats, dataDir, partitions, worker: false });
  return {
    ...sys,
    async stop(opts) {
      await sys.stop(opts);
      if (!opts?.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A point between writes where a worker's next cut waits until the test lets it go on. */
export class WriteGate {
  private armed?: { point: CrashPoint; hold: Promise<void>; reached: () => void };

  /** Makes the next cut to reach `point` wait there; resolves `reached` when it does, continues on `release`. */
  arm(point: CrashPoint): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    let reached!: () => void;
    const hold = new Promise<void>((r) => {
      release = r;
    });
    const atGate = new Promise<void>((r) => {
      reached = r;
    });
    this.armed = { point, hold, reached };
    return { reached: atGate, release };
  }

  /** The fault hook to give the worker. */
  readonly fault: WriteFault = (point) => {
    const a = this.armed;
    if (!a || a.point !== point) return;
    this.armed = undefined;
    a.reached();
    return a.hold;
  };
}

/** Entries of one segment per user, counted over the whole of LIVESEG_ENTRIES. */
export async function entriesPerUser(sys: TestSystem, segmentId: string): Promise<Map<string, number>> {
  const perUser = new Map<string, number>();
  for (const e of await sys.entries()) if (e.segmentId === segmentId) perUser.set(e.userId, (perUser.get(e.userId) ?? 0) + 1);
  return perUser;
}

/** A system, a proxy in front of its NATS and the workers a test starts; `stop` ends them all. */
export interface ProxiedRig {
  sys: TestSystem;
  proxy: TcpProxy;
  workers: FaultyWorker[];
  stop(): Promise<void>;
}

export async function startProxiedRig(sys: TestSystem): Promise<ProxiedRig> {
  const proxy = await TcpProxy.start(sys.nats.url);
  const workers: FaultyWorker[] = [];
  return {
    sys,
    proxy,
    workers,
    async stop() {
      proxy.heal();
      for (const w of workers) await w.kill();
      await proxy.stop();
      await sys.stop();
    },
  };
}
