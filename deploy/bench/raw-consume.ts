/**
 * The pull-consume limit: the same messages as the worker's input, copied to a scratch stream and
 * read back with one pull consumer per partition (ack-all, one ack per batch), as the worker reads.
 */
import type { NatsConnection } from '@nats-io/nats-core';
import { nanos } from '@nats-io/nats-core';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { publishPrepared, type Prepared } from './prefill.ts';
import { median } from './stats.ts';

const STREAM = 'BENCH_SCRATCH';
const subject = (m: Prepared) => `bench.scratch.${m.partition}.${m.kind}`;

/** Copies `msgs` to the scratch stream, then consumes them `rounds` times; the median rate over 10%..90% consumed (msgs/s). */
export async function measureRawConsume(
  nc: NatsConnection,
  msgs: Prepared[],
  partitions: number,
  rounds: number,
): Promise<{ perSec: number; rounds: number[] }> {
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({
    name: STREAM,
    subjects: ['bench.scratch.>'],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(60_000),
  });
  await publishPrepared(nc, msgs, 'scratch copy', subject);
  const perPartition = new Array<number>(partitions).fill(0);
  for (const m of msgs) perPartition[m.partition]++;
  const js = jetstream(nc);
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const names = perPartition.map((_, p) => `bench-raw-${r}-${p}`);
    await Promise.all(
      names.map((durable_name, p) =>
        jsm.consumers.add(STREAM, {
          durable_name,
          filter_subject: `bench.scratch.${p}.>`,
          ack_policy: AckPolicy.All,
          deliver_policy: DeliverPolicy.All,
          max_ack_pending: 20_000,
        }),
      ),
    );
    const total = msgs.length;
    let received = 0;
    let t10 = 0;
    let t90 = 0;

    await Promise.all(
      names.map(async (name, p) => {
        if (!perPartition[p]) return;
        const messages = await (await js.consumers.get(STREAM, name)).consume({ max_messages: 1000 });
        let mine = 0;
        for await (const m of messages) {
          mine++;
          received++;
          if (!t10 && received >= total * 0.1) t10 = performance.now();
          if (!t90 && received >= total * 0.9) t90 = performance.now();
          // Ack-all: one ack per pulled batch acknowledges everything before it.
          if (mine % 500 === 0 || mine === perPartition[p]) m.ack();
          if (mine === perPartition[p]) break;
        }
        await messages.close();
      }),
    );
    rates.push(Math.round((total * 0.8) / ((t90 - t10) / 1000)));
    await Promise.all(names.map((n) => jsm.consumers.delete(STREAM, n)));
  }
  await jsm.streams.delete(STREAM);
  return { perSec: Math.round(median(rates)), rounds: rates };
}
