import type { JetStreamManager } from '@nats-io/jetstream';
import {
  backlogOf,
  type DestinationInput,
  type DestinationStore,
  publicView,
  recordAttempt,
  sendWebhook,
  type StoredDestination,
  type StoredStats,
  type TargetPolicy,
  targetRefusal,
  testPayload,
} from '../../actors/destinations/index.ts';
import { emptyStats } from '../../actors/destinations/stats.ts';
import type { Attempt, Destination } from '../../actors/destinations/types.ts';

/** One destination's numbers, as the metrics read them. */
export interface DestinationFigures {
  destination: Destination;
  stats: StoredStats;
  backlog: { pending: number; ackPending: number };
}

const FIGURES_CACHE_MS = 5000;

/**
 * The gateway's side of destinations: creates them (after the target check), reads them with
 * their stats, and sends test deliveries. Delivery itself runs in the workers (actors/destinations).
 */
export class DestinationService {
  private figuresCache?: { at: number; value: Promise<DestinationFigures[]> };

  constructor(
    readonly store: DestinationStore,
    private readonly jsm: JetStreamManager,
    readonly policy: TargetPolicy,
    private readonly now: () => number,
  ) {}

  /** Why the URL may not be reached under this gateway's policy; undefined when it may. */
  refusal(url: string): Promise<string | undefined> {
    return targetRefusal(url, this.policy);
  }

  create(input: DestinationInput): Promise<StoredDestination> {
    return this.store.create(input);
  }

  /** Sends a signed test message now (stats list it among the recent attempts, the counts stay). */
  async test(d: StoredDestination, segmentName: (id: string) => string): Promise<Attempt> {
    const segmentId = d.segments[0] ?? '';
    const id = `test_${crypto.randomUUID()}`;
    const body = JSON.stringify(testPayload(segmentId, segmentName(segmentId), this.now()));
    const result = await sendWebhook(d, id, body, { policy: this.policy, now: this.now });
    const delta = emptyStats();
    recordAttempt(delta, { id, at: this.now(), attempt: 1, ...result, outcome: 'test' });
    await this.store.addStats(d.id, delta);
    return result;
  }

  /** Every destination with its stats and retry backlog, for /metrics (read at most every 5 s). */
  figures(): Promise<DestinationFigures[]> {
    const t = performance.now();
    if (!this.figuresCache || t - this.figuresCache.at > FIGURES_CACHE_MS) {
      const value = (async () => {
        const all = await this.store.list();
        return Promise.all(
          all.map(async (d) => ({
            destination: publicView(d),
            stats: await this.store.stats(d.id),
            backlog: await backlogOf(this.jsm, d),
          })),
        );
      })();
      value.catch(() => {
        this.figuresCache = undefined;
      });
      this.figuresCache = { at: t, value };
    }
    return this.figuresCache.value;
  }

  /** The retry backlog of one destination. */
  backlog(d: StoredDestination) {
    return backlogOf(this.jsm, d);
  }
}
