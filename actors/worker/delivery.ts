import type { JsMsg } from '@nats-io/jetstream';

/** nats.js's JsMsg has the reply subject (`$JS.ACK.…`) but its interface does not declare it. */
type Delivered = JsMsg & { reply?: string };

/** Where the numbers of a JetStream delivery's reply subject are, by its token count. */
const REPLY_LAYOUT: Record<number, { seq: number; dseq: number; ts: number }> = {
  9: { seq: 5, dseq: 6, ts: 7 }, // $JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<dseq>.<ts>.<pending>
  11: { seq: 7, dseq: 8, ts: 9 }, // $JS.ACK.<domain>.<hash>.<stream>.<consumer>.<delivered>.<sseq>.<dseq>.<ts>.<pending>
  12: { seq: 7, dseq: 8, ts: 9 }, // … .<random>
};
const dots = new Int32Array(13);

/**
 * Token `i` of the reply subject `s` (whose dots are in `dots`) as a number, digit by digit: nats.js
 * splits the whole subject into strings per message, which profiled at ~4% of a worker's CPU.
 */
function numberAt(s: string, i: number, count: number): number {
  const from = i === 0 ? 0 : dots[i - 1] + 1;
  const to = i === count - 1 ? s.length : dots[i];
  if (to <= from) return NaN;
  let n = 0;
  for (let k = from; k < to; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** Where a delivery is: its stream sequence, its consumer (delivery) sequence and when the stream stored it (epoch ms). */
export interface Delivery {
  seq: number;
  dseq: number;
  at: number;
}

/** The Delivery of a message, from its reply subject; undefined if it is not a JetStream delivery. */
export function deliveryOf(reply: string): Delivery | undefined {
  if (!reply.startsWith('$JS.ACK.')) return undefined;
  let count = 1;
  for (let k = 0; k < reply.length; k++) {
    if (reply.charCodeAt(k) !== 46) continue;
    if (count === dots.length) return undefined;
    dots[count - 1] = k;
    count++;
  }
  const layout = REPLY_LAYOUT[count];
  if (!layout) return undefined;
  const seq = numberAt(reply, layout.seq, count);
  const dseq = numberAt(reply, layout.dseq, count);
  const ns = numberAt(reply, layout.ts, count);
  return Number.isFinite(seq) && Number.isFinite(dseq) && Number.isFinite(ns) ? { seq, dseq, at: Math.floor(ns / 1e6) } : undefined;
}

/** The Delivery of `msg` (nats.js's own parse when the reply subject is not one deliveryOf knows). */
export function deliveryOfMsg(msg: JsMsg): Delivery {
  return (
    deliveryOf((msg as Delivered).reply ?? '') ?? {
      seq: msg.seq,
      dseq: msg.info.deliverySequence,
      at: Math.floor(msg.info.timestampNanos / 1e6),
    }
  );
}

/**
 * Follows one consumer's delivery sequence, which counts every delivery from 1 (the runner's
 * consumer is always new). A jump means deliveries were lost on the way (a NATS node died with them
 * in flight, and the consumer's new leader counts them as delivered): acking past them (ack-all)
 * would drop them for good. Lower numbers (redeliveries) are fine.
 */
export class DeliveryGaps {
  private highest = 0;

  /** Records `dseq`; false when deliveries before it never arrived. */
  accept(dseq: number): boolean {
    if (dseq > this.highest + 1) return false;
    this.highest = Math.max(this.highest, dseq);
    return true;
  }

  /** The next delivery expected. */
  get expected(): number {
    return this.highest + 1;
  }
}
