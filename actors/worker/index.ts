export { Worker, type WorkerOptions, type WorkerStats } from './worker.ts';
export { Leases, DEFAULT_LEASE_TIMING, type Lease, type LeaseTiming } from './leases.ts';
export { PartitionCore, TIMER_BATCH, type DueTimers, type EffectSink, type UserSource } from './partition-core.ts';
export { MemoryStore } from './memory-store.ts';
export type { Input } from './input.ts';
