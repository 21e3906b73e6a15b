// Preloaded into benchmark workers (node --expose-gc --import): on SIGUSR2, runs two full garbage
// collections and writes the heap's live and committed sizes as JSON to LIVESEG_BENCH_HEAP_OUT.
// What the heap holds after a full collection does not depend on where the worker was in its
// collection cycle, unlike its RSS. Benchmarks only; a production worker has no such hook.
import { renameSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';

const out = process.env.LIVESEG_BENCH_HEAP_OUT;
if (typeof globalThis.gc === 'function' && out) {
  process.on('SIGUSR2', () => {
    globalThis.gc();
    globalThis.gc();
    const old = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
    writeFileSync(
      `${out}.tmp`,
      JSON.stringify({
        usedBytes: v8.getHeapStatistics().used_heap_size,
        oldUsedBytes: old?.space_used_size ?? 0,
        oldPhysicalBytes: old?.physical_space_size ?? 0,
      }),
    );
    renameSync(`${out}.tmp`, out); // whole, or not there yet
  });
}
