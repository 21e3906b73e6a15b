/** Load-model traffic published to LIVESEG_IN at a fixed rate, with a progress bar. */
import { eventSubject, profileSubject } from '../../actors/bus/names.ts';
import { partitionOf } from '../../actors/bus/partition.ts';
import type { LiveEvent } from '../../actors/types.ts';
import type { AckPublisher } from '../../gateway/services/index.ts';
import type { LoadModel } from './load-model.ts';
import { paced } from './pace.ts';
import { createProgress } from './progress.ts';

export interface OfferOptions {
  model: LoadModel;
  acks: AckPublisher;
  partitions: number;
  /** Items per second (events and profile updates). */
  rate: number;
  total: number;
  label?: string;
  /** Sees every event as published (its `ts` is the moment it was sent), with its position in the run. */
  onEvent?: (ev: LiveEvent, index: number) => void;
}

const encoder = new TextEncoder();

/** Offers `total` items at `rate` per second; resolves once all are acknowledged, with the rate achieved. */
export async function offerLoad(o: OfferOptions): Promise<{ publishedPerS: number }> {
  const progress = createProgress(o.label ?? `offered ${o.rate}/s`, o.total, 'events');
  const inflight = new Set<Promise<unknown>>();
  const started = performance.now();
  await paced(
    o.rate,
    o.total,
    (i) => {
      const item = o.model.next();
      let p: Promise<unknown>;
      if (item.kind === 'event') {
        const ev = { ...item.event, ts: Date.now() };
        o.onEvent?.(ev, i);
        p = o.acks.publish(eventSubject(partitionOf(ev.userId, o.partitions)), encoder.encode(JSON.stringify(ev)), { msgID: ev.id });
      } else {
        p = o.acks.publish(profileSubject(partitionOf(item.profile.userId, o.partitions)), encoder.encode(JSON.stringify(item.profile)), {
          msgID: item.id,
        });
      }
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    },
    (sent) => progress.update(sent),
  );
  await Promise.all(inflight);
  const publishedPerS = Math.round(o.total / ((performance.now() - started) / 1000));
  progress.done();
  return { publishedPerS };
}
