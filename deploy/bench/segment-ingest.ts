/**
 * Segment-spec ingest (`POST /v1/batch`) vs raw JetStream publishing, in one run against one
 * fresh nats-server (the same phase `npm run bench` runs; see phase-segment-ingest.ts).
 *
 *   npx tsx deploy/bench/segment-ingest.ts [--events 100000] [--batch 500] [--clients 4] [--rounds 3]
 *
 * Prints one line per round, then the medians as one JSON line.
 */
import { parseArgs } from 'node:util';
import { measureSegmentIngest } from './phase-segment-ingest.ts';
import { Scope } from './scope.ts';
import { printJson } from './stats.ts';

const { values: o } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '500' },
    clients: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
  },
});

const scope = new Scope();
process.on('SIGINT', () => void scope.close().then(() => process.exit(130)));
try {
  const result = await measureSegmentIngest(
    scope,
    {
      events: Number(o.events),
      batch: Number(o.batch),
      clients: Number(o.clients),
      rounds: Number(o.rounds),
      window: 2000,
      users: 100_000,
      partitions: 16,
    },
    (line) => console.log(line),
  );
  const { rounds: _rounds, ...medians } = result;
  console.log(
    `median of ${o.rounds}: raw ${result.raw_publish_per_s}/s, POST /v1/batch ${result.segment_batch_per_s}/s ` +
      `(ratio ${result.segment_ratio}, target ≥ 0.8), gzip ${result.segment_batch_gzip_per_s}/s (ratio ${result.segment_gzip_ratio})`,
  );
  printJson({ bench: 'segment-ingest', events: Number(o.events), batch: Number(o.batch), ...medians });
} finally {
  await scope.close();
}
