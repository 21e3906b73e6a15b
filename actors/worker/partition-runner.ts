import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import type { AckPublisher } from '../bus/ack-publisher.ts';
import { publishDeadLetters, reasonOf, type DeadLetter } from '../bus/dead-letters.ts';
import type { Clock } from '../clock.ts';
import { isRetryable, logText } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { mentions } from '../rules/program.ts';
import type { SegmentCatalog } from '../segments/catalog.ts';
import { DeadLetterSink, inputLetter } from './dead-letter-sink.ts';
import { DeliveryGaps, deliveryOfMsg, type Delivery } from './delivery.ts';
import { decodeInput, type DecodeContext, type Input } from './input.ts';
import { consumePartition, MAX_BATCH } from './partition-consumer.ts';
import { PartitionCore } from './partition-core.ts';
import type { SnapshotCache } from './snapshot-cache.ts';
import { UserLoader } from './user-loader.ts';
import type { PartitionStore } from './user-store.ts';
import { WriteBehind } from './write-behind.ts';

/** setTimeout cannot wait longer than ~24.8 days; far deadlines are re-checked hourly. */
const MAX_TIMER_WAIT_MS = 3_600_000;

/** A message as received, with where it was delivered (read once, on arrival). */
interface Received {
  msg: JsMsg;
  delivery: Delivery;
}

export interface RunnerDeps {
  js: JetStreamClient;
  /** Publishes entries (and carries the store's KV traffic) over one shared inbox. */
  acks: AckPublisher;
  jsm: JetStreamManager;
  catalog: SegmentCatalog;
  cache: SnapshotCache;
  clock: Clock;
  log: Logger;
}

/**
 * Processes one partition of LIVESEG_IN in order, plus its timers: the NATS shell around a
 * PartitionCore, which holds the ordering rules. Effects are written behind (WriteBehind, through
 * PartitionStore.write): index entries and outbox marks, then the records carrying their entries,
 * then the entries, and only then is the consumer acked up to the round's last message. A crash
 * replays from the last ack; records skip inputs at or below their stored sequence, a new owner
 * publishes what an outbox holds and the stream lacks, and the durable deadline index re-arms
 * every pending window (docs/architecture.md, "How a step works").
 */
export class PartitionRunner {
  private queue: Received[] = [];
  /** The batch being worked on: kept until applied, so a failed round retries it. */
  private batch: Received[] = [];
  private readonly gaps = new DeliveryGaps();
  private readonly core: PartitionCore;
  private readonly users: UserLoader;
  private readonly effects: WriteBehind;
  private readonly sink: DeadLetterSink;
  /** The highest stream sequence received: a message at or below it is a redelivery of one held or applied. */
  private received = 0;
  private readonly decode: DecodeContext;
  private aborted = false;
  private stopped = false;
  private programChanged = false;
  private unsubscribe?: () => void;
  private draining?: Promise<void>;
  private messages?: ConsumerMessages;
  private timer?: ReturnType<typeof setTimeout>;
  private timerAt?: number;
  /** Invalid inputs skipped, for status and benchmarks. */
  rejected = 0;

  /**
   * @param isOwner whether this worker still holds the partition's lease; checked before every
   *   write, so a worker that lost its lease never writes over the new owner.
   * @param onAbort called when the runner stops itself (its lease expired before a flush).
   */
  constructor(
    readonly partition: number,
    private readonly deps: RunnerDeps,
    private readonly store: PartitionStore,
    readonly isOwner: () => boolean = () => true,
    private readonly onAbort: () => void = () => {},
  ) {
    this.core = new PartitionCore(deps.catalog.program, partition, deps.log);
    this.effects = new WriteBehind({
      store,
      cache: deps.cache,
      log: deps.log,
      partition,
      isOwner,
      onLeaseExpired: () => {
        // Writing now could overwrite a new owner's work; stop and let the partition be replayed.
        this.deps.log.warn('lease expired before flush: stopping the partition', { partition: this.partition });
        void this.abort();
      },
    });
    this.sink = new DeadLetterSink({
      partition,
      changed: (key, actor, produced, deadline) => this.effects.changed(key, actor, produced, deadline),
      store: (letters) => this.storeDeadLetters(letters),
    });
    this.users = new UserLoader({ store, cache: deps.cache, live: (key) => this.effects.live(key) });
    this.decode = {
      partition,
      now: 0,
      relevant: (name) => mentions(this.core.program, name),
      reject: (seq, why) => {
        this.rejected++;
        this.deps.log.warn('skipping invalid input', { partition: this.partition, seq, why });
      },
    };
  }

  /** Valid inputs processed, for status and benchmarks. */
  get processed(): number {
    return this.core.processed;
  }

  /** Entries written so far. */
  get entries(): number {
    return this.effects.entries;
  }

  /** Users held live with changes not yet written. */
  get liveUsers(): number {
    return this.effects.liveCount;
  }

  /** Pending windows of this partition. */
  get pendingTimers(): number {
    return this.core.pendingTimers;
  }

  /** Messages received and not yet applied (bounded by the consumer's max_ack_pending). */
  get queued(): number {
    return this.queue.length + this.batch.length;
  }

  /** Inputs, records and windows dead-lettered or skipped for good. */
  get poisoned(): number {
    return this.core.poisoned;
  }

  async start(): Promise<void> {
    this.core.useProgram(this.deps.catalog.program);
    // Overdue windows fire at once on takeover.
    this.core.restoreDeadlines(await this.store.deadlines());
    this.kick();
    this.unsubscribe = this.deps.catalog.onChange(() => {
      this.programChanged = true;
      this.kick();
    });
    this.messages = await consumePartition(this.deps.js, this.deps.jsm, this.partition);
    const messages = this.messages;
    void (async () => {
      for await (const m of messages) {
        if (this.stopped) break;
        const delivery = deliveryOfMsg(m);
        const expected = this.gaps.expected;
        if (!this.gaps.accept(delivery.dseq)) {
          // Stop without writing or acking past the gap: the replacement runner re-reads from the ack floor.
          this.deps.log.warn('deliveries lost in transit: restarting the partition', {
            partition: this.partition,
            expected,
            got: delivery.dseq,
          });
          void this.abort();
          break;
        }
        // Redelivered while held (a round retrying past ack_wait) or after being applied: drop it
        // at once, or redeliveries pile up (~4,000 a minute) while a round retries.
        if (delivery.seq <= this.received) continue;
        this.received = delivery.seq;
        this.queue.push({ msg: m, delivery });
        this.kick();
      }
    })()
      .catch((err) => this.deps.log.warn('consumer failed', { partition: this.partition, err: logText(err) }))
      .finally(() => {
        // The pull loop ended without stop(): the consumer is gone (e.g. its NATS node died).
        // Stop without writing; the worker replaces this runner, which replays from the ack floor.
        if (!this.stopped) {
          this.deps.log.warn('consumer ended: restarting the partition', { partition: this.partition });
          void this.abort();
        }
      });
  }

  /** Stops taking messages, finishes what is queued and flushes every effect. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.messages?.close().catch(() => undefined);
    this.core.cancelBackfill();
    while (this.draining) await this.draining;
    await this.effects.settle();
    // Another worker may own these users next; a later takeover must not trust this cache.
    this.deps.cache.dropPrefix(`${this.partition}.`);
  }

  /** Stops at once without writing anything: the lease is gone and someone else owns the partition. */
  async abort(): Promise<void> {
    if (this.aborted) return;
    this.aborted = true;
    this.stopped = true;
    this.onAbort();
    this.unsubscribe?.();
    clearTimeout(this.timer);
    this.queue = [];
    this.batch = [];
    this.core.cancelBackfill();
    await this.messages?.close().catch(() => undefined);
    this.effects.drop();
    this.deps.cache.dropPrefix(`${this.partition}.`);
  }

  private kick(): void {
    this.draining ??= this.drain()
      .catch((err) => this.deps.log.error('processing failed', { partition: this.partition, err: logText(err) }))
      .finally(() => {
        this.draining = undefined;
        this.armTimer();
      });
  }

  private async drain(): Promise<void> {
    let failures = 0;
    while (
      !this.aborted &&
      (this.batch.length || this.queue.length || this.core.timersDue || this.core.backfilling || this.programChanged)
    ) {
      try {
        await this.round();
        failures = 0;
        // Yield to the task queue: a backlog otherwise runs as one long chain of microtasks and
        // starves timers — lease renewals came 8 s late under a 100k-message backlog.
        await new Promise((r) => setTimeout(r, 0));
      } catch (err) {
        if (this.aborted) return;
        if (!isRetryable(err)) {
          // Will never work (the core already dead-letters inputs and users that fail on their
          // own): dead-letter the batch rather than wedge the partition on it.
          const b = this.batch;
          this.deps.log.error('processing round failed for good: batch dead-lettered', {
            partition: this.partition,
            seq: b.length ? b[0].delivery.seq : undefined,
            lastSeq: b.length ? b[b.length - 1].delivery.seq : undefined,
            err: logText(err),
          });
          const reason = reasonOf(err, 'round_failed');
          if (!(await this.storeDeadLetters(b.map((r) => inputLetter(r.msg, r.delivery.seq, this.partition, reason))))) return;
          this.batch = [];
          if (b.length) {
            this.effects.ackUpTo(b[b.length - 1].msg);
            this.effects.request();
          } else {
            // Not the inputs' fault (a window or a backfill): do not spin on it.
            await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** failures++)));
          }
          continue;
        }
        // NATS unreachable (or a timeout): nothing was applied, so the same work is retried.
        this.deps.log.warn('processing round failed, retrying', { partition: this.partition, err: logText(err) });
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** failures++)));
      }
    }
  }

  /** One round: a batch of messages, due timers, a backfill chunk; then a flush. */
  private async round(): Promise<void> {
    this.programChanged = false;
    if (!this.batch.length && this.queue.length) {
      // Bounded rounds keep the event loop responsive (lease renewals, other partitions, timers).
      this.batch = this.queue.splice(0, MAX_BATCH);
    }
    await this.useProgram();
    if (this.batch.length) await this.applyBatch();
    if (this.core.timersDue) await this.fireTimers();
    if (this.core.backfilling && !this.queue.length) await this.backfillChunk();
    this.effects.request();
  }

  /** On a new segment set, users already stored may qualify for new profile-driven segments. */
  private async useProgram(): Promise<void> {
    const added = this.core.useProgram(this.deps.catalog.program);
    if (!added || this.stopped) return;
    // Users whose first record is still being written are not in the store's key list yet.
    const stored = await this.store.userKeys();
    this.core.startBackfill([...new Set([...stored, ...this.effects.liveKeys()])]);
  }

  private async applyBatch(): Promise<void> {
    // A segment created before these inputs were published must be seen by them.
    await this.deps.catalog.sync();
    await this.useProgram();
    const batch = this.batch;
    this.decode.now = this.deps.clock.now();
    // Events no rule or filter mentions change nobody: decoded as `ignored`, their users are not
    // even loaded.
    const inputs = new Array<Input>(batch.length);
    this.users.reset();
    for (let i = 0; i < batch.length; i++) {
      const input = (inputs[i] = decodeInput(batch[i].msg, this.decode, batch[i].delivery));
      if (input.kind === 'event' || input.kind === 'profile') this.users.want(input.key);
    }
    await this.users.fetch();
    this.batch = [];
    const acked = this.core.apply(inputs, this.users, this.deps.clock.now(), this.sink);
    this.users.reset();
    // Stored before the ack can move past them (and before what follows them is written).
    if (!(await this.sink.settle((seq) => messageAt(batch, seq)))) return;
    const msg = acked ? messageAt(batch, acked) : undefined;
    if (msg) this.effects.ackUpTo(msg);
  }

  private async fireTimers(): Promise<void> {
    const now = this.deps.clock.now();
    const due = this.core.takeDueTimers(now);
    if (!due.length) return;
    this.users.reset();
    for (const [key] of due) this.users.want(key);
    try {
      await this.users.fetch();
    } catch (err) {
      // Never drop a window: whatever failed, they fire in a later round.
      this.core.putBack(due);
      throw err;
    }
    this.core.fireTimers(due, this.users, now, this.sink);
    this.users.reset();
    await this.sink.settle(() => undefined);
  }

  private async backfillChunk(): Promise<void> {
    const keys = this.core.nextBackfill();
    this.users.reset();
    for (const key of keys) this.users.want(key);
    await this.users.fetch();
    this.core.backfillChunk(keys, this.users, this.deps.clock.now(), this.sink);
    this.users.reset();
    await this.sink.settle(() => undefined);
  }

  /**
   * Stores dead letters, retrying while NATS is unavailable (the partition waits: moving past
   * them would lose them). False if the partition stops first: nothing is acked past them, so a
   * later owner replays them, and a stop or rebalance never waits on NATS forever.
   */
  private async storeDeadLetters(letters: DeadLetter[]): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      if (this.aborted || this.stopped) return false;
      try {
        await publishDeadLetters(this.deps.acks, letters);
        return true;
      } catch (err) {
        this.deps.log.warn(`could not store ${letters.length} dead letter(s) in LIVESEG_DLQ, retrying (is it provisioned?)`, {
          partition: this.partition,
          attempt,
          err: logText(err),
        });
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
  }

  private armTimer(): void {
    if (this.stopped) return;
    const next = this.core.nextDeadline();
    if (next === this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = next;
    if (next === undefined) return;
    const wait = Math.min(MAX_TIMER_WAIT_MS, Math.max(0, next - this.deps.clock.now()));
    this.timer = setTimeout(() => {
      this.timerAt = undefined;
      this.core.wakeTimers();
      this.kick();
    }, wait);
  }
}

/** The message of `batch` (in stream order) with stream sequence `seq`. */
function messageAt(batch: readonly Received[], seq: number): JsMsg | undefined {
  let lo = 0;
  let hi = batch.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = batch[mid].delivery.seq;
    if (s === seq) return batch[mid].msg;
    if (s < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
