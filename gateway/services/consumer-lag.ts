import type { JetStreamManager } from '@nats-io/jetstream';
import { partitionConsumer, STREAM_IN } from '../../actors/bus/names.ts';

/** Lag of one partition's durable consumer; `pending` is undefined while no worker created it. */
export interface PartitionLag {
  partition: number;
  pending?: number;
  ackPending?: number;
}

/**
 * Consumer lag per partition (`liveseg-p<N>` on LIVESEG_IN), cached for `ttlMs` so that scrapes
 * from several Prometheus servers cost at most P requests per interval.
 */
export class ConsumerLag {
  private cached?: { at: number; value: Promise<PartitionLag[]> };

  constructor(
    private readonly jsm: JetStreamManager,
    private readonly partitions: number,
    private readonly now: () => number = () => Date.now(),
    private readonly ttlMs = 5000,
  ) {}

  read(): Promise<PartitionLag[]> {
    const t = this.now();
    if (!this.cached || t - this.cached.at >= this.ttlMs) {
      this.cached = { at: t, value: this.fetch() };
    }
    return this.cached.value;
  }

  private fetch(): Promise<PartitionLag[]> {
    return Promise.all(
      [...Array(this.partitions).keys()].map(async (partition) => {
        try {
          const info = await this.jsm.consumers.info(STREAM_IN, partitionConsumer(partition));
          return { partition, pending: info.num_pending, ackPending: info.num_ack_pending };
        } catch {
          return { partition };
        }
      }),
    );
  }
}
