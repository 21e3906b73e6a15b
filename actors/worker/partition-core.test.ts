import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger.ts';
import { silentLogger } from '../logger.ts';
import { segmentOf } from '../rules/reference/definitions.ts';
import { LivesegError } from '../errors.ts';
import { compileProgram, type Program } from '../rules/program.ts';
import type { SegmentDefinition } from '../types.ts';
import { newUserRecord, userKey } from '../user/index.ts';
import type { Input } from './input.ts';
import { MemoryStore } from './memory-store.ts';
import { PartitionCore, TIMER_BATCH } from './partition-core.ts';

const T = Date.UTC(2026, 0, 1);
const N = 600_000;
const cart: SegmentDefinition = { name: 'Cart', trigger: { kind: 'action', event: 'Added To Cart' } };
const abandoned: SegmentDefinition = {
  name: 'Abandoned',
  trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '10m' },
};
const reminder: SegmentDefinition = { name: 'Reminder', trigger: { kind: 'datetime', property: 'appt', offset: '0s', at: '09:00' } };

const program = (...defs: SegmentDefinition[]) => compileProgram(defs.map((d, i) => segmentOf(d, T - 3_600_000, `sg${i}`)));
const key = (userId: string) => userKey(0, userId);
const event = (seq: number, name: string, arrival: number, userId = 'u1', ts = arrival): Input => ({
  kind: 'event',
  seq,
  arrival,
  userId,
  key: key(userId),
  event: { id: `e${seq}`, userId, name, ts, props: {} },
});
const entries = (store: MemoryStore) => store.entries.map(({ n, entry }) => ({ userId: entry.userId, n, at: entry.at }));

describe('PartitionCore', () => {
  it('skips a redelivery at or below the sequence already applied, and acks up to the highest', () => {
    const core = new PartitionCore(program(cart), 0, silentLogger);
    const store = new MemoryStore();
    const batch = [event(1, 'Added To Cart', T, 'u1'), event(2, 'Added To Cart', T + 1, 'u2')];
    expect(core.apply(batch, store, T + 10, store)).toBe(2);
    expect(core.apply([batch[1], batch[0]], store, T + 10, store)).toBe(0);
    expect(entries(store).map((e) => e.userId)).toEqual(['u1', 'u2']);
    expect(core.processed).toBe(2);
  });

  it("skips a replay at or below the user's stored q (a new owner replaying from the ack floor)", () => {
    const store = new MemoryStore();
    store.records.set(key('u1'), JSON.stringify({ ...newUserRecord('u1'), q: 5 }));
    const core = new PartitionCore(program(cart), 0, silentLogger);
    expect(core.apply([event(4, 'Added To Cart', T), event(5, 'Added To Cart', T)], store, T, store)).toBe(5);
    expect(store.entries).toEqual([]);
    core.apply([event(6, 'Added To Cart', T)], store, T, store);
    store.flush();
    expect(entries(store)).toEqual([{ userId: 'u1', n: 1, at: T }]);
    expect(JSON.parse(store.records.get(key('u1'))!).q).toBe(6);
  });

  it('applies an input as of min(now, arrival): a backlog decides windows as they were live', () => {
    const core = new PartitionCore(program(abandoned), 0, silentLogger);
    const store = new MemoryStore();
    // Read an hour late, the Charged still arrived inside the window: no entry.
    core.apply([event(1, 'Added To Cart', T), event(2, 'Charged', T + 1000)], store, T + 3_600_000, store);
    expect(store.entries).toEqual([]);
    expect(core.pendingTimers).toBe(0);
  });

  it('fires due windows before an input and moves the deadline in the index', () => {
    const core = new PartitionCore(program(abandoned), 0, silentLogger);
    const store = new MemoryStore();
    core.apply([event(1, 'Added To Cart', T)], store, T, store);
    expect(store.deadlines.get(key('u1'))).toBe(T + N);
    expect(core.nextDeadline()).toBe(T + N);
    // The timer has not rung yet; the next input, arriving after the deadline, fires the window
    // first (as of its arrival), so the late Charged does not cancel it.
    core.apply([event(2, 'Charged', T + N + 1, 'u1', T + 1000)], store, T + N + 5, store);
    expect(entries(store)).toEqual([{ userId: 'u1', n: 1, at: T + N + 1 }]);
    expect(store.deadlines.has(key('u1'))).toBe(false);
    expect(core.nextDeadline()).toBeUndefined();
  });

  it('fires due timers in bounded batches, and only when woken', () => {
    const core = new PartitionCore(program(abandoned), 0, silentLogger);
    const store = new MemoryStore();
    const users = Array.from({ length: TIMER_BATCH + 1 }, (_, i) => `u${i}`);
    core.apply(
      users.map((u, i) => event(i + 1, 'Added To Cart', T, u)),
      store,
      T,
      store,
    );
    expect(core.takeDueTimers(T + N)).toEqual([]); // not woken
    core.wakeTimers();
    const first = core.takeDueTimers(T + N);
    expect(first).toHaveLength(TIMER_BATCH);
    expect(core.timersDue).toBe(true);
    core.fireTimers(first, store, T + N, store);
    const rest = core.takeDueTimers(T + N);
    expect(rest).toHaveLength(1);
    expect(core.timersDue).toBe(false);
    core.fireTimers(rest, store, T + N, store);
    expect(store.entries).toHaveLength(TIMER_BATCH + 1);
    expect(store.deadlines.size).toBe(0);
  });

  it('puts taken timers back when their users could not be fetched', () => {
    const core = new PartitionCore(program(abandoned), 0, silentLogger);
    core.restoreDeadlines([[key('u1'), T]]);
    const due = core.takeDueTimers(T);
    expect(core.pendingTimers).toBe(0);
    core.putBack(due);
    expect([core.pendingTimers, core.timersDue]).toEqual([1, true]);
  });

  it('backfills stored users when a profile-driven segment is added, not for others', () => {
    const store = new MemoryStore();
    const appt = '2026-01-02';
    for (const u of ['u1', 'u2']) {
      store.records.set(key(u), JSON.stringify({ ...newUserRecord(u), q: 1, profile: { unsubscribed: [], props: { appt } } }));
    }
    const core = new PartitionCore(program(cart), 0, silentLogger);
    expect(core.useProgram(program(cart, abandoned))).toBe(false);
    expect(core.useProgram(program(cart, abandoned, reminder))).toBe(true);
    core.startBackfill(store.keys());
    const chunk = core.nextBackfill();
    core.backfillChunk(chunk, store, T, store);
    expect(core.backfilling).toBe(false);
    expect(core.pendingTimers).toBe(2);
    core.wakeTimers();
    const at = Date.UTC(2026, 0, 2, 9);
    core.fireTimers(core.takeDueTimers(at), store, at, store);
    expect(entries(store)).toEqual([
      { userId: 'u1', n: 1, at },
      { userId: 'u2', n: 1, at },
    ]);
  });

  it('dead-letters a corrupt stored record and starts its user afresh; the input applies to the new record', () => {
    const errors: Array<Record<string, unknown> | undefined> = [];
    const log: Logger = { ...silentLogger, error: (_msg, fields) => errors.push(fields) };
    const store = new MemoryStore();
    const corrupt = '{"userId": "bad", "q":';
    store.records.set(key('bad'), corrupt);
    const core = new PartitionCore(program(cart), 7, log);
    const acked = core.apply(
      [
        event(1, 'Added To Cart', T, 'u1'),
        event(2, 'Added To Cart', T, 'bad'),
        event(3, 'Added To Cart', T, 'u2'),
        event(4, 'Added To Cart', T, 'bad'),
      ],
      store,
      T,
      store,
    );
    expect(acked).toBe(4);
    expect(entries(store).map((e) => e.userId)).toEqual(['u1', 'bad', 'u2']);
    expect(store.deadLetters).toEqual([
      { kind: 'record', key: key('bad'), stored: corrupt, seq: 2, reason: 'record_unreadable: the stored user record is not JSON' },
    ]);
    expect(core.poisoned).toBe(1);
    store.flush();
    expect(JSON.parse(store.records.get(key('bad'))!)).toMatchObject({ userId: 'bad', q: 2 });
    // The log says where, never who.
    expect(errors).toEqual([{ partition: 7, seq: 2, err: expect.stringContaining('record_unreadable') }]);
    expect(JSON.stringify(errors)).not.toContain(key('bad'));
  });

  it('dead-letters a record that is JSON but not a user record', () => {
    const store = new MemoryStore();
    store.records.set(key('bad'), '[1,2]');
    store.records.set(key('odd'), '{"userId":"odd","q":"x","profile":{}}');
    store.records.set(key('nul'), 'null');
    const core = new PartitionCore(program(cart), 0, silentLogger);
    const batch = [event(1, 'Added To Cart', T, 'bad'), event(2, 'Added To Cart', T, 'odd'), event(3, 'Added To Cart', T, 'nul')];
    core.apply(batch, store, T, store);
    expect(store.deadLetters.map((d) => [d.kind, d.seq])).toEqual([
      ['record', 1],
      ['record', 2],
      ['record', 3],
    ]);
    expect(entries(store).map((e) => e.userId)).toEqual(['bad', 'odd', 'nul']);
  });

  it('dead-letters an input that throws, stores nothing on its account, and carries on', () => {
    const store = new MemoryStore();
    const core = new PartitionCore(program(cart), 0, silentLogger);
    // An event the engine cannot step (no payload at all): applying it throws.
    const poison = { ...event(2, 'Added To Cart', T, 'u1'), event: null } as unknown as Input;
    const acked = core.apply([event(1, 'Charged', T, 'u1'), poison, event(3, 'Added To Cart', T, 'u2')], store, T, store);
    expect(acked).toBe(3);
    expect(store.deadLetters).toEqual([{ kind: 'input', seq: 2, reason: expect.stringMatching(/^input_failed: TypeError: /) }]);
    expect(entries(store).map((e) => e.userId)).toEqual(['u2']);
    store.flush();
    expect(store.records.has(key('u1'))).toBe(false);
  });

  it('dead-letters an input refused with a liveseg error under its own code', () => {
    const core = new PartitionCore(program(cart), 0, silentLogger);
    const store = new MemoryStore();
    const users = {
      actor: (k: string, userId: string | undefined, p: Program) => {
        const actor = store.actor(k, userId, p);
        if (actor) {
          actor.applyEvent = () => {
            throw new LivesegError('payload_too_large', 'the record would exceed its cap');
          };
        }
        return actor;
      },
      replace: store.replace.bind(store),
    };
    core.apply([event(1, 'Added To Cart', T, 'u1')], users, T, store);
    expect(store.deadLetters).toEqual([{ kind: 'input', seq: 1, reason: 'payload_too_large: the record would exceed its cap' }]);
  });

  it('replaces a corrupt record found by a window or a backfill (its user id read from the key)', () => {
    const store = new MemoryStore();
    store.records.set(key('ü-1'), 'garbage');
    const core = new PartitionCore(program(abandoned), 0, silentLogger);
    core.restoreDeadlines([[key('ü-1'), T]]);
    core.fireTimers(core.takeDueTimers(T), store, T, store);
    expect(store.deadLetters).toEqual([{ kind: 'record', key: key('ü-1'), stored: 'garbage', reason: expect.any(String) }]);
    store.flush();
    expect(JSON.parse(store.records.get(key('ü-1'))!)).toMatchObject({ userId: 'ü-1', q: 0 });
    expect(store.deadlines.has(key('ü-1'))).toBe(false);
  });

  it('skips invalid and ignored inputs without loading anyone, but acks past them', () => {
    const core = new PartitionCore(program(cart), 0, silentLogger);
    const loads: string[] = [];
    const users = {
      actor(k: string) {
        loads.push(k);
        return undefined;
      },
      replace: () => expect.unreachable(),
    };
    const sink = { changed: () => expect.unreachable(), deadLetter: () => expect.unreachable() };
    const acked = core.apply(
      [
        { kind: 'invalid', seq: 1, arrival: T },
        { kind: 'ignored', seq: 2, arrival: T, userId: 'u1' },
      ],
      users,
      T,
      sink,
    );
    expect([acked, core.processed, loads]).toEqual([2, 1, []]);
  });
});
