import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { STREAM_ENTRIES } from '../bus/names.ts';
import { logText } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Entry } from '../types.ts';
import { type ConsumerSettings, ensureDeliveryConsumer } from './consumers.ts';
import { Gate, Pacer } from './limits.ts';
import { entryPayload } from './payload.ts';
import { maxAttempts, type RetrySchedule, retryDelay } from './schedule.ts';
import { DELIVERY_TIMEOUT_MS, sendWebhook, type SendOptions } from './send.ts';
import { emptyStats, recordAttempt } from './stats.ts';
import type { RecentDelivery, StoredDestination, StoredStats } from './types.ts';

/** What a lane needs from its deliverer. */
export interface LaneDeps {
  js: JetStreamClient;
  jsm: JetStreamManager;
  log: Logger;
  schedule: RetrySchedule;
  consumer: ConsumerSettings;
  send: SendOptions;
  /** Requests in flight to this destination from this process. */
  concurrency: number;
  /** Requests per second to this destination from this process. */
  ratePerSecond: number;
  segmentName(id: string): Promise<string>;
  now(): number;
  onAttempt?(destinationId: string, d: RecentDelivery): void;
}

const RESTART_MS = 1000;

/**
 * Delivery to one destination: one pull loop per segment over its durable consumer, sharing one
 * concurrency gate and one pacer. Lanes share nothing else, so a dead or slow destination holds
 * only its own slots (docs/destinations.md, "Isolation").
 */
export class Lane {
  /** Counts since the last flush to the stored stats. */
  delta: StoredStats = emptyStats();
  private readonly gate: Gate;
  private readonly pacer: Pacer;
  private readonly loops = new Map<string, ConsumerMessages>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private readonly attempts: number;

  constructor(
    readonly dest: StoredDestination,
    private readonly deps: LaneDeps,
  ) {
    this.gate = new Gate(deps.concurrency);
    this.pacer = new Pacer(deps.ratePerSecond, Math.max(1, deps.concurrency));
    this.attempts = maxAttempts(deps.schedule);
  }

  /**
   * Entries pulled ahead of the free slots. A pulled entry waits for a slot while its ack_wait
   * runs, so at most as many rounds of requests (each up to the timeout) as fit in ack_wait are
   * buffered, and at most 4: pulling only 16 at a time left the pipeline idle between pulls
   * (deploy/bench/webhooks.ts --quick, one run each: 2,700 deliveries/s, against 3,400 with 64).
   */
  private get buffer(): number {
    const timeout = this.deps.send.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    const rounds = Math.max(1, Math.min(4, Math.floor(this.deps.consumer.ackWaitMs / timeout) - 1));
    return this.deps.concurrency * rounds;
  }

  start(): void {
    for (const s of this.dest.segments) void this.run(s);
  }

  /** Stops pulling, lets requests in flight finish (each is bounded by the timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const l of this.loops.values()) l.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  get busy(): number {
    return this.gate.inUse;
  }

  /** Pulls one segment's entries until stopped; a broken pull (consumer gone, NATS away) starts over. */
  private async run(segmentId: string): Promise<void> {
    while (!this.stopped) {
      try {
        const name = await ensureDeliveryConsumer(this.deps.jsm, this.dest, segmentId, this.deps.consumer);
        const consumer = await this.deps.js.consumers.get(STREAM_ENTRIES, name);
        if (this.stopped) return;
        const messages = await consumer.consume({ max_messages: this.buffer, expires: 5000 });
        this.loops.set(segmentId, messages);
        for await (const m of messages) {
          await this.gate.enter();
          if (this.stopped) {
            this.gate.leave();
            break;
          }
          const p = this.handle(m, segmentId).finally(() => {
            this.gate.leave();
            this.inFlight.delete(p);
          });
          this.inFlight.add(p);
        }
      } catch (err) {
        if (!this.stopped) this.deps.log.warn('delivery pull failed; starting over', { destination: this.dest.id, err: logText(err) });
      }
      if (!this.stopped) await new Promise((r) => setTimeout(r, RESTART_MS));
    }
  }

  /** Sends one entry and acks, schedules a retry, or gives up, by the attempt's outcome and number. */
  private async handle(m: JsMsg, segmentId: string): Promise<void> {
    const attempt = m.info.deliveryCount;
    const id = m.headers?.get('Nats-Msg-Id') || `${STREAM_ENTRIES}:${m.seq}`;
    let entry: Entry;
    try {
      entry = m.json<Entry>();
    } catch {
      // Not JSON: no try will ever read it.
      m.term('unreadable entry');
      this.record({ id, at: this.deps.now(), attempt, ok: false, ms: 0, error: 'unreadable entry', outcome: 'failed' });
      return;
    }
    try {
      const body = JSON.stringify(entryPayload(entry, await this.deps.segmentName(segmentId)));
      await this.pacer.take();
      const result = await sendWebhook(this.dest, id, body, this.deps.send);
      let outcome: RecentDelivery['outcome'];
      if (result.ok) {
        m.ack();
        outcome = 'delivered';
      } else if (attempt >= this.attempts) {
        m.term(result.error);
        outcome = 'failed';
      } else {
        m.nak(retryDelay(this.deps.schedule, attempt));
        outcome = 'retrying';
      }
      this.record({ id, at: this.deps.now(), attempt, ...result, outcome });
    } catch (err) {
      // Not the receiver's doing (NATS unreachable for the segment's name, …): try again later,
      // without counting an attempt against the destination.
      m.nak(retryDelay(this.deps.schedule, 1));
      this.deps.log.warn('delivery could not be attempted; retrying', { destination: this.dest.id, err: logText(err) });
    }
  }

  private record(d: RecentDelivery): void {
    recordAttempt(this.delta, d);
    this.deps.onAttempt?.(this.dest.id, d);
  }
}
