import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { AckPublisher } from '../bus/ack-publisher.ts';
import { partitionConsumer, partitionFilter, STREAM_IN } from '../bus/names.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { mentions, type Program } from '../rules/program.ts';
import type { SegmentCatalog } from '../segments/catalog.ts';
import { newUserRecord, UserActor, userKey, type NumberedEntry, type UserRecord } from '../user/index.ts';
import { DeliveryGaps, deliveryOfMsg, type Delivery } from './delivery.ts';
import { decodeInput, type Input } from './input.ts';
import type { SnapshotCache } from './snapshot-cache.ts';
import { TimerHeap } from './timer-heap.ts';
import type { PartitionStore } from './user-store.ts';
import { WriteBehind } from './write-behind.ts';

/** setTimeout cannot wait longer than ~24.8 days; far deadlines are re-checked hourly. */
const MAX_TIMER_WAIT_MS = 3_600_000;
const BACKFILL_CHUNK = 200;
/** Messages applied per round: 1,000 drained a backlog ~15% faster than 500 (fewer flushes and segment syncs per input). */
const MAX_BATCH = 1000;
/** Messages delivered but not yet acked, per partition: a few rounds. */
const MAX_UNACKED = 4 * MAX_BATCH;
/** Windows fired per round: small rounds keep lateness low when many fall due together. */
const TIMER_BATCH = 500;

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
 * Processes one partition of LIVESEG_IN in order, plus its timers. Effects are written behind: per
 * round, the entries are published (deterministic Nats-Msg-Id), then changed user records and
 * deadlines are stored, and only then is the consumer acked up to the round's last message. A crash
 * replays from the last ack; entries dedupe on their id and records skip inputs at or below their
 * stored sequence; the durable deadline index re-arms every pending window.
 */
export class PartitionRunner {
  private queue: Received[] = [];
  /** The batch being worked on: kept until applied, so a failed round retries it. */
  private batch: Received[] = [];
  private readonly gaps = new DeliveryGaps();
  private aborted = false;
  private timersDue = false;
  private programChanged = false;
  private unsubscribe?: () => void;
  private backfill: string[] = [];
  private draining?: Promise<void>;
  private appliedSeq = 0;
  private messages?: ConsumerMessages;
  private stopped = false;
  private program?: Program;
  private readonly timers = new TimerHeap();
  private timer?: ReturnType<typeof setTimeout>;
  private timerAt?: number;
  /** Counters for status and benchmarks. */
  processed = 0;
  rejected = 0;
  private readonly effects: WriteBehind;

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
    this.effects = new WriteBehind({
      acks: deps.acks,
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
    return this.timers.size;
  }

  async start(): Promise<void> {
    this.program = this.deps.catalog.program;
    for (const [key, d] of await this.store.deadlines()) this.timers.schedule(key, d);
    this.timersDue = true; // overdue windows fire at once on takeover
    this.kick();
    this.unsubscribe = this.deps.catalog.onChange(() => {
      this.programChanged = true;
      this.kick();
    });
    const name = partitionConsumer(this.partition);
    // Recreate the consumer at its ack floor: messages a dead owner had been delivered but never
    // acked come again at once and in order, instead of after ack_wait and out of order.
    const info = await this.deps.jsm.consumers.info(STREAM_IN, name).catch(() => undefined);
    if (info) await this.deps.jsm.consumers.delete(STREAM_IN, name);
    await this.deps.jsm.consumers.add(STREAM_IN, {
      durable_name: name,
      filter_subject: partitionFilter(this.partition),
      ack_policy: AckPolicy.All,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: (info?.ack_floor.stream_seq ?? 0) + 1,
      ack_wait: nanos(60_000),
      // Acks trail processing by a flush or two; this bounds the in-memory queue (and, since a
      // message's data is a view into the socket buffer it came in, the memory it pins).
      max_ack_pending: MAX_UNACKED,
    });
    const consumer = await this.deps.js.consumers.get(STREAM_IN, name);
    // Short pull expiry: after a NATS node dies, a dead pull is noticed (missed heartbeats) in seconds.
    this.messages = await consumer.consume({ max_messages: MAX_BATCH, expires: 5000 });
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
        this.queue.push({ msg: m, delivery });
        this.kick();
      }
    })()
      .catch((err) => this.deps.log.warn('consumer failed', { partition: this.partition, err: String(err) }))
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
    this.backfill = [];
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
    this.backfill = [];
    await this.messages?.close().catch(() => undefined);
    this.effects.drop();
    this.deps.cache.dropPrefix(`${this.partition}.`);
  }

  private kick(): void {
    this.draining ??= this.drain()
      .catch((err) => this.deps.log.error('processing failed', { partition: this.partition, err: String(err) }))
      .finally(() => {
        this.draining = undefined;
        this.armTimer();
      });
  }

  private async drain(): Promise<void> {
    let failures = 0;
    while (!this.aborted && (this.batch.length || this.queue.length || this.timersDue || this.backfill.length || this.programChanged)) {
      try {
        await this.round();
        failures = 0;
        // Yield to the task queue: a backlog otherwise runs as one long chain of microtasks and
        // starves timers — lease renewals came 8 s late under a 100k-message backlog.
        await new Promise((r) => setTimeout(r, 0));
      } catch (err) {
        // NATS unreachable (or a timeout): nothing was applied, so the same work is retried.
        if (this.aborted) return;
        this.deps.log.warn('processing round failed, retrying', { partition: this.partition, err: String(err) });
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** failures++)));
      }
    }
  }

  /** One round: a batch of messages, due timers, a backfill chunk; then a flush. */
  private async round(): Promise<void> {
    this.programChanged = false;
    await this.useProgram();
    if (!this.batch.length && this.queue.length) {
      // Bounded rounds keep the event loop responsive (lease renewals, other partitions, timers).
      this.batch = this.queue.splice(0, MAX_BATCH);
    }
    if (this.batch.length) {
      // A segment created before these inputs were published must be seen by them.
      await this.deps.catalog.sync();
      await this.useProgram();
      const now = this.deps.clock.now();
      // Events no rule or filter mentions change nobody: decoded without an `event`, their users are
      // not even loaded.
      const relevant = (name: string) => mentions(this.program!, name);
      const inputs = this.batch.map((r) => decodeInput(r.msg, now, relevant, (why) => this.reject(r.delivery.seq, why), r.delivery));
      const concerned = inputs.filter((i) => i.profile || i.event);
      for (const i of concerned) i.key = userKey(this.partition, i.userId!);
      const actors = await this.load(concerned.map((i) => [i.key!, i.userId]));
      this.batch = [];
      this.applyMessages(inputs, actors);
    }
    if (this.timersDue) {
      this.timersDue = false;
      await this.fireTimers();
    }
    if (this.backfill.length && !this.queue.length) await this.backfillChunk();
    this.effects.request();
  }

  /** On a new segment set, users already stored may qualify for new profile-driven segments. */
  private async useProgram(): Promise<void> {
    const program = this.deps.catalog.program;
    const before = this.program;
    this.program = program;
    if (!before || before === program) return;
    const added = program.segments.some((s) => s.kind === 'datetime' && !before.byId.has(s.id));
    if (added && !this.stopped) this.backfill = await this.store.userKeys();
  }

  /** Applies decoded inputs in order (synchronous: a round is all or nothing up to here). */
  private applyMessages(inputs: Input[], actors: Map<string, UserActor>): void {
    for (const input of inputs) {
      const seq = input.seq;
      if (seq <= this.appliedSeq) continue; // a redelivery of something already applied
      this.appliedSeq = seq;
      this.effects.ackUpTo(input.msg);
      if (input.userId === undefined) continue; // invalid (rejected when decoded)
      this.processed++;
      const actor = input.key === undefined ? undefined : actors.get(input.key);
      if (!actor || seq <= actor.record.q) continue; // of no concern, or a replay of an applied input
      const revision = actor.revision;
      // An input is applied as of its arrival, so a backlog decides windows as they were live.
      const now = Math.min(this.deps.clock.now(), input.arrival);
      let produced: NumberedEntry[] = [];
      try {
        produced = input.event ? actor.applyEvent(input.event, now, this.program!) : actor.applyProfile(input.profile!, now, this.program!);
      } catch (err) {
        // A bug must not wedge the partition: log the poison input and move on.
        this.deps.log.error('input failed', { partition: this.partition, seq, err: String(err) });
      }
      if (actor.revision === revision && !produced.length) continue; // nothing to store
      actor.record.q = seq;
      this.changed(input.key!, actor, produced);
    }
  }

  private async fireTimers(): Promise<void> {
    const now = this.deps.clock.now();
    const due = this.timers.popDue(now, TIMER_BATCH);
    if (!due.length) return;
    // More due than one round takes: come back right after this round's flush is requested.
    if (due.length === TIMER_BATCH) this.timersDue = true;
    const keys = due.map(([k]) => k);
    let actors: Map<string, UserActor>;
    try {
      actors = await this.load(keys.map((k) => [k, undefined]));
    } catch (err) {
      for (const [k, d] of due) this.timers.schedule(k, d);
      this.timersDue = true;
      throw err;
    }
    for (const key of keys) {
      const actor = actors.get(key);
      if (actor) this.changed(key, actor, actor.fireDue(now), true);
    }
  }

  private async backfillChunk(): Promise<void> {
    const keys = this.backfill.slice(0, BACKFILL_CHUNK);
    const actors = await this.load(keys.map((k) => [k, undefined]));
    this.backfill.splice(0, keys.length);
    const now = this.deps.clock.now();
    for (const [key, actor] of actors) this.changed(key, actor, actor.refresh(now, [], this.program!));
  }

  /** Hands a changed actor to the write-behind, keeping its deadline in the heap and the index. */
  private changed(key: string, actor: UserActor, produced: NumberedEntry[], popped = false): void {
    const d = actor.nextDeadline();
    const moved = popped || d !== this.timers.deadlineOf(key);
    if (moved) this.timers.schedule(key, d);
    this.effects.changed(key, actor, produced, moved ? (d ?? null) : undefined);
  }

  private reject(seq: number, why: string): void {
    this.rejected++;
    this.deps.log.warn('skipping invalid input', { partition: this.partition, seq, why });
  }

  /**
   * The actors for these keys: live ones from the write-behind, hot ones revived from the snapshot
   * cache, cold ones read from the store in parallel. `userId` undefined: only if it exists.
   */
  private async load(wanted: Array<[string, string | undefined]>): Promise<Map<string, UserActor>> {
    const actors = new Map<string, UserActor>();
    const cold = new Map<string, string | undefined>();
    for (const [key, userId] of wanted) {
      if (actors.has(key) || cold.has(key)) continue;
      const live = this.effects.live(key);
      const json = live ? undefined : this.deps.cache.get(key);
      const actor = live ?? (json === undefined ? undefined : this.revive(json, userId));
      if (actor) actors.set(key, actor);
      else if (json === undefined) cold.set(key, userId);
    }
    await Promise.all(
      [...cold].map(async ([key, userId]) => {
        const json = (await this.store.load(key)) ?? '';
        this.deps.cache.set(key, json);
        const actor = this.revive(json, userId);
        if (actor) actors.set(key, actor);
      }),
    );
    return actors;
  }

  /** An actor from its stored JSON ("" = no record yet: a new user, if `userId` is known). */
  private revive(json: string, userId: string | undefined): UserActor | undefined {
    const record = json ? (JSON.parse(json) as UserRecord) : userId === undefined ? undefined : newUserRecord(userId);
    return record && new UserActor(record, this.program!);
  }

  private armTimer(): void {
    if (this.stopped) return;
    const next = this.timers.peek();
    if (next === this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = next;
    if (next === undefined) return;
    const wait = Math.min(MAX_TIMER_WAIT_MS, Math.max(0, next - this.deps.clock.now()));
    this.timer = setTimeout(() => {
      this.timerAt = undefined;
      this.timersDue = true;
      this.kick();
    }, wait);
  }
}
