export { Worker, type WorkerOptions, type WorkerStats } from './worker.ts';
export { Leases, DEFAULT_LEASE_TIMING, type Lease, type LeaseTiming } from './leases.ts';
