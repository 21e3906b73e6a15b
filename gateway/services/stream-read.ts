import { AckPolicy, DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';

/** Where a bounded read of a stream starts. */
export type ReadFrom = { seq: number } | { time: number } | 'last-per-subject';

/**
 * Reads a bounded range of one stream's messages on `filter` (one subject or a wildcard) with a
 * short-lived consumer: at most `max` messages, until the stream holds no more, or until `each`
 * returns false. Works on nats-server 2.9 (batch direct get is 2.11+). Returns how many were read.
 */
export async function readStream(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  filter: string,
  from: ReadFrom,
  max: number,
  each: (m: JsMsg) => boolean | undefined,
): Promise<number> {
  const start =
    from === 'last-per-subject'
      ? { deliver_policy: DeliverPolicy.LastPerSubject }
      : 'seq' in from
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(1, from.seq) }
        : { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(from.time).toISOString() };
  const ci = await jsm.consumers.add(stream, {
    ...start,
    filter_subject: filter,
    ack_policy: AckPolicy.None,
    mem_storage: true,
    // A reader that dies leaves nothing behind for long.
    inactive_threshold: nanos(30_000),
  });
  let read = 0;
  try {
    let left = Math.min(ci.num_pending, max);
    if (left === 0) return 0;
    const consumer = await js.consumers.get(stream, ci.name);
    while (left > 0) {
      let got = 0;
      let stop = false;
      for await (const m of await consumer.fetch({ max_messages: Math.min(left, 1000), expires: 5000 })) {
        got++;
        read++;
        if (each(m) === false) {
          stop = true;
          break;
        }
      }
      if (stop || got === 0) break;
      left -= got;
    }
    return read;
  } finally {
    void jsm.consumers.delete(stream, ci.name).catch(() => undefined);
  }
}
