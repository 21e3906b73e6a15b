/**
 * The load generator: benchmark traffic against a running liveseg (NATS_URL, default
 * nats://127.0.0.1:4222), with a progress bar.
 *
 *   npx tsx deploy/bench/loadgen.ts [--rate 5000] [--duration 60] [--users 100000]
 *     [--rule-share 0.2] [--segments 50] [--seed 1]
 *
 * The mix: Zipf-active users, page views with referrers, carts, charges, launches, other named
 * events and profile updates; `--rule-share` of the events touch a rule of the segment mix, and
 * `--segments N` first stores N segments of every kind (`deploy/bench/segments-mix.ts`, names
 * "Segment <i>"), as the benchmarks use. Prints the rate achieved as JSON on the last line.
 */
import process from 'node:process';
import { LivesegError } from '../../actors/errors.ts';
import { readPartitions } from '../../actors/bus/index.ts';
import { AckPublisher } from '../../gateway/services/index.ts';
import { connectNats } from '../cli/nats-connect.ts';
import { intOption, options } from '../cli/options.ts';
import { putSegments } from './bench-nats.ts';
import { createLoadModel } from './load-model.ts';
import { offerLoad } from './offer.ts';
import { mixedSegments } from './segments-mix.ts';
import { printJson } from './stats.ts';

try {
  const o = options(process.argv.slice(2), {
    rate: { type: 'string' },
    duration: { type: 'string' },
    users: { type: 'string' },
    'rule-share': { type: 'string' },
    segments: { type: 'string' },
    seed: { type: 'string' },
  });
  const rate = intOption(o.rate, 'rate', 5000, 1, 1_000_000);
  const duration = intOption(o.duration, 'duration', 60, 1, 86_400);
  const users = intOption(o.users, 'users', 100_000, 1, 100_000_000);
  const segments = intOption(o.segments, 'segments', 0, 0, 10_000);
  const seed = intOption(o.seed, 'seed', 1, 0, 2 ** 31);
  const ruleShare = o['rule-share'] === undefined ? 0.2 : Number(o['rule-share']);
  if (!(ruleShare >= 0 && ruleShare <= 1))
    throw new LivesegError('bad_arguments', `--rule-share must be a number from 0 to 1, got ${o['rule-share']}`);

  // The same NATS_URL and credential variables as every liveseg command.
  const nc = await connectNats({ name: 'liveseg-loadgen' });
  try {
    const partitions = await readPartitions(nc);
    if (segments) await putSegments(nc, mixedSegments(segments, Date.now()));
    const acks = new AckPublisher(nc, 30_000);
    const model = createLoadModel({ users, ruleShare, seed, idPrefix: `lg${Date.now().toString(36)}` });
    const stop = () => {
      acks.stop('stopped');
      process.exit(130);
    };
    process.once('SIGINT', stop);
    const { publishedPerS } = await offerLoad({ model, acks, partitions, rate, total: rate * duration, label: `loadgen ${rate}/s` });
    acks.stop();
    printJson({
      offered_per_s: rate,
      published_per_s: publishedPerS,
      items: rate * duration,
      users,
      rule_share: ruleShare,
      segments_created: segments,
    });
  } finally {
    await nc.close();
  }
} catch (err) {
  process.stderr.write(`loadgen: ${err instanceof LivesegError ? err.message : String(err)}\n`);
  process.exitCode = 2;
}
