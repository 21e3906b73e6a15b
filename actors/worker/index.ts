export { Worker, type WorkerOptions, type WorkerStats } from './worker.ts';
