import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { KV } from '@nats-io/kv';
import { entryMsgId, entrySubject, partitionConsumer, partitionFilter, STREAM_IN } from '../bus/names.ts';
import type { Clock } from '../clock.ts';
import { parseEvent, parseProfileUpdate } from '../definition/index.ts';
import { newUserRecord, UserActor, userKey, type NumberedEntry, type UserRecord } from '../user/index.ts';
import type { LiveEvent, ProfileUpdate } from '../types.ts';
import type { SegmentCatalog } from '../segments/catalog.ts';
import type { PinnedLru } from './lru.ts';
import type { Logger } from '../logger.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface RunnerDeps {
  js: JetStreamClient;
  jsm: JetStreamManager;
  users: KV;
  catalog: SegmentCatalog;
  cache: PinnedLru<UserActor>;
  clock: Clock;
  log: Logger;
}

type Input = { msg: JsMsg; key: string; event?: LiveEvent; profile?: ProfileUpdate };

/**
 * Processes one partition of LIVESEG_IN in order. Effects are written behind: after each batch
 * the entries are published (deterministic Nats-Msg-Id), then the changed user records are stored,
 * and only then is the consumer acked up to the batch's last message. A crash replays from the last
 * ack; entries dedupe on their id and records skip inputs at or below their stored sequence.
 */
export class PartitionRunner {
  private queue: JsMsg[] = [];
  private draining?: Promise<void>;
  private readonly dirty = new Map<string, UserActor>();
  private outbox: NumberedEntry[] = [];
  private lastMsg?: JsMsg;
  private appliedSeq = 0;
  private flushing?: Promise<void>;
  private flushAgain = false;
  private messages?: ConsumerMessages;
  private stopped = false;
  /** Inputs applied since start (for status and benchmarks). */
  processed = 0;
  entries = 0;
  rejected = 0;

  constructor(readonly partition: number, private readonly deps: RunnerDeps) {}

  async start(): Promise<void> {
    const name = partitionConsumer(this.partition);
    await this.deps.jsm.consumers.add(STREAM_IN, {
      durable_name: name,
      filter_subject: partitionFilter(this.partition),
      ack_policy: AckPolicy.All,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(60_000),
      // Acks trail processing by one flush; this bounds the in-memory queue.
      max_ack_pending: 20_000,
    });
    const consumer = await this.deps.js.consumers.get(STREAM_IN, name);
    this.messages = await consumer.consume({ max_messages: 1000 });
    const messages = this.messages;
    void (async () => {
      for await (const m of messages) this.enqueue(m);
    })().catch((err) => this.deps.log.error('consumer stopped', { partition: this.partition, err: String(err) }));
  }

  /** Stops taking messages, finishes the queue and flushes every effect. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close().catch(() => undefined);
    while (this.draining || this.flushing) await (this.draining ?? this.flushing);
    if (this.lastMsg || this.dirty.size) await this.flush();
  }

  private enqueue(m: JsMsg): void {
    if (this.stopped) return;
    this.queue.push(m);
    this.draining ??= this.drain().finally(() => { this.draining = undefined; });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const inputs = batch.map((m) => this.decode(m));
      // A segment created before these inputs were published must be seen by them.
      await this.deps.catalog.sync();
      const actors = await this.load(inputs);
      const program = this.deps.catalog.program;
      const now = this.deps.clock.now();
      for (const input of inputs) {
        const seq = input.msg.seq;
        if (seq <= this.appliedSeq) continue; // a redelivery of something already applied
        this.appliedSeq = seq;
        this.lastMsg = input.msg;
        const actor = input.key ? actors.get(input.key) : undefined;
        if (!actor || seq <= actor.record.q) continue;
        const produced = input.event
          ? actor.applyEvent(input.event, now, program)
          : actor.applyProfile(input.profile!, program);
        actor.record.q = seq;
        this.processed++;
        if (!this.dirty.has(input.key)) {
          this.dirty.set(input.key, actor);
          this.deps.cache.pin(input.key);
        }
        for (const e of produced) this.outbox.push(e);
      }
      this.requestFlush();
    }
  }

  private decode(msg: JsMsg): Input {
    let raw: unknown;
    try {
      raw = JSON.parse(decoder.decode(msg.data));
    } catch {
      return this.reject(msg, 'not JSON');
    }
    if (msg.subject.endsWith('.pr')) {
      const parsed = parseProfileUpdate(raw);
      if (!parsed.ok) return this.reject(msg, parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
      return { msg, key: userKey(this.partition, parsed.value.userId), profile: parsed.value };
    }
    const parsed = parseEvent(raw, this.deps.clock.now(), () => msg.headers?.get('Nats-Msg-Id') || `seq-${msg.seq}`);
    if (!parsed.ok) return this.reject(msg, parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    return { msg, key: userKey(this.partition, parsed.value.userId), event: parsed.value };
  }

  private reject(msg: JsMsg, why: string): Input {
    this.rejected++;
    this.deps.log.warn('skipping invalid input', { partition: this.partition, seq: msg.seq, why });
    return { msg, key: '' };
  }

  /** The actors of a batch: hot ones from the cache, cold ones read from the store in parallel. */
  private async load(inputs: Input[]): Promise<Map<string, UserActor>> {
    const actors = new Map<string, UserActor>();
    const cold = new Map<string, string>();
    for (const { key, event, profile } of inputs) {
      if (!key || actors.has(key) || cold.has(key)) continue;
      const hot = this.deps.cache.get(key);
      if (hot) actors.set(key, hot);
      else cold.set(key, (event ?? profile)!.userId);
    }
    const program = this.deps.catalog.program;
    await Promise.all([...cold].map(async ([key, userId]) => {
      const stored = await this.deps.users.get(key);
      const record = stored && stored.operation === 'PUT'
        ? JSON.parse(decoder.decode(stored.value)) as UserRecord
        : newUserRecord(userId);
      const actor = new UserActor(record, program);
      actors.set(key, actor);
      this.deps.cache.set(key, actor);
    }));
    return actors;
  }

  private requestFlush(): void {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = this.flush().finally(() => {
      this.flushing = undefined;
      if (this.flushAgain) {
        this.flushAgain = false;
        this.requestFlush();
      }
    });
  }

  /** Writes one consistent cut: entries, then records, then the ack. Retries until it lands. */
  private async flush(): Promise<void> {
    const writes = [...this.dirty].map(([key, actor]) => ({ key, bytes: encoder.encode(JSON.stringify(actor.toRecord())) }));
    this.dirty.clear();
    const entries = this.outbox;
    this.outbox = [];
    const ack = this.lastMsg;
    this.lastMsg = undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        await Promise.all(entries.map(({ n, entry }) => this.deps.js.publish(
          entrySubject(entry.segmentId), encoder.encode(JSON.stringify(entry)),
          { msgID: entryMsgId(entry.segmentId, entry.userId, n) },
        )));
        await Promise.all(writes.map((w) => this.deps.users.put(w.key, w.bytes)));
        ack?.ack();
        break;
      } catch (err) {
        this.deps.log.warn('flush failed, retrying', { partition: this.partition, attempt, err: String(err) });
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
    this.entries += entries.length;
    for (const w of writes) this.deps.cache.unpin(w.key);
  }
}
