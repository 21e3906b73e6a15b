import { describe, expect, it } from 'vitest';
import { jsonSize, parseDefinition } from '../definition/index.ts';
import {
  MAX_PAGE_COUNT,
  MAX_PAST_COUNT,
  MAX_PAST_FILTERS,
  MAX_RECORD_BYTES,
  MAX_SEGMENT_STATE_BYTES,
  MAX_STORED_PROFILE_BYTES,
  segmentStateBytes,
} from '../definition/limits.ts';
import { hasCode, isRetryable } from '../errors.ts';
import { compileProgram } from '../rules/program.ts';
import type { LiveEvent, Segment, SegmentDefinition } from '../types.ts';
import { newUserRecord, UserActor } from './actor.ts';

const seg = (id: string, definition: SegmentDefinition): Segment => ({
  id,
  name: definition.name,
  kind: definition.trigger.kind,
  createdAt: 0,
  definition,
});
const KB30 = 'x'.repeat(30_000);

describe('the stored profile cap', () => {
  const waiting = seg('sg_0000000000000001', {
    name: 'no buy',
    trigger: { kind: 'inaction', event: 'Cart', without: { event: 'Buy' }, within: '1m' },
  });

  it('refuses an update past the cap with a terminal error and leaves the user untouched', () => {
    const program = compileProgram([waiting]);
    const actor = new UserActor(newUserRecord('u1'), program);
    actor.applyProfile({ userId: 'u1', props: { a: KB30 } }, 0, program);
    actor.applyProfile({ userId: 'u1', props: { b: KB30 } }, 0, program);
    actor.applyEvent({ id: 'e1', userId: 'u1', name: 'Cart', ts: 0, props: {} }, 0, program);
    const before = JSON.stringify(actor.toRecord());
    const revision = actor.revision;

    // The pending window is due at 60 s: a refused update must not fire it either.
    let err: unknown;
    try {
      actor.applyProfile({ userId: 'u1', timezone: 'Europe/Berlin', props: { c: KB30 } }, 120_000, program);
    } catch (e) {
      err = e;
    }
    expect(hasCode(err, 'record_too_large')).toBe(true);
    expect(isRetryable(err)).toBe(false);
    expect((err as Error).message).toMatch(/the limit is 65536/);
    expect(JSON.stringify(actor.toRecord())).toBe(before);
    expect(actor.revision).toBe(revision);
    expect(actor.nextDeadline()).toBe(60_000);

    // The user goes on: the window fires at the next input, and deleting props makes room.
    expect(actor.applyProfile({ userId: 'u1', props: { a: null } }, 120_000, program).map((e) => e.n)).toEqual([1]);
    actor.applyProfile({ userId: 'u1', props: { c: KB30 } }, 120_000, program);
    expect(Object.keys(actor.toRecord().profile.props).sort()).toEqual(['b', 'c']);
  });

  it('keeps the profile under the cap through a long run of large updates', () => {
    const program = compileProgram([waiting]);
    const actor = new UserActor(newUserRecord('u1'), program);
    let refused = 0;
    for (let i = 0; i < 200; i++) {
      try {
        // New keys mostly, replacements sometimes, and now and then a deletion.
        const props: Record<string, unknown> = { [`k${i % 7 === 0 ? 0 : i}`]: 'y'.repeat(8_000 + ((i * 997) % 24_000)) };
        if (i % 11 === 0) props[`k${i - 1}`] = null;
        actor.applyProfile({ userId: 'u1', props }, i, program);
      } catch (e) {
        expect(hasCode(e, 'record_too_large')).toBe(true);
        refused++;
      }
      expect(jsonSize(actor.toRecord().profile)).toBeLessThanOrEqual(MAX_STORED_PROFILE_BYTES);
    }
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(200);
  });

  it('still applies an update that shrinks a profile stored over the cap before the cap existed', () => {
    const program = compileProgram([waiting]);
    const record = newUserRecord('u1');
    record.profile.props = { a: KB30, b: KB30, c: KB30, d: KB30 };
    const actor = new UserActor(record, program);
    actor.applyProfile({ userId: 'u1', props: { a: null, e: 'small' } }, 0, program);
    expect(Object.keys(actor.toRecord().profile.props)).toEqual(['b', 'c', 'd', 'e']);
    expect(() => actor.applyProfile({ userId: 'u1', props: { f: 'grows' } }, 0, program)).toThrow(/the limit is/);
  });
});

describe('a record at every cap', () => {
  it('stays under 256 KiB and within the documented arithmetic', () => {
    const heaviest: SegmentDefinition = {
      name: 'heaviest',
      trigger: { kind: 'page_count', count: MAX_PAGE_COUNT, within: '400d', distinct: true },
      filters: {
        past: Array.from({ length: MAX_PAST_FILTERS }, (_, i) => ({
          did: `E${i}`,
          count: { op: 'gte' as const, value: MAX_PAST_COUNT },
          inLast: '400d',
        })),
      },
      reentry: 'every',
    };
    // The heaviest definition the parser accepts fits the segment budget on its own.
    expect(parseDefinition(heaviest).ok).toBe(true);
    expect(segmentStateBytes(heaviest)).toBeLessThanOrEqual(MAX_SEGMENT_STATE_BYTES);
    const program = compileProgram([seg('sg_zzzzzzzzzzzzzzzz', heaviest)]);
    // Every id at its longest, in 4-byte characters; timestamps near the top of the range.
    const userId = '😀'.repeat(256);
    const id = (i: number) => `${i}`.padEnd(128, '😀');
    const actor = new UserActor(newUserRecord(userId), program);
    actor.applyProfile({ userId, props: { a: 'p'.repeat(32_000) } }, 0, program);
    actor.applyProfile({ userId, props: { b: 'p'.repeat(32_000), c: 'p'.repeat(1_400) } }, 0, program);
    const base = 250_000_000_000_000;
    let n = 0;
    const send = (name: string, props: Record<string, unknown> = {}): void => {
      const ev: LiveEvent = { id: id(n), userId, name, ts: base + n, props };
      n++;
      actor.applyEvent(ev, base + n, program);
    };
    for (let i = 0; i < MAX_PAST_COUNT + 50; i++) for (let f = 0; f < MAX_PAST_FILTERS; f++) send(`E${f}`);
    // 999 distinct views: one short of an entry, which would empty the list.
    for (let i = 0; i < MAX_PAGE_COUNT - 1; i++) send('$page_view', { url: `https://shop.example.com/p/${i}` });

    const bytes = jsonSize(actor.toRecord());
    expect(bytes).toBeLessThan(MAX_RECORD_BYTES);
    expect(bytes).toBeLessThanOrEqual(2048 + MAX_STORED_PROFILE_BYTES + segmentStateBytes(heaviest));
    // The bound is close to what the record really holds, not a loose guess.
    expect(bytes).toBeGreaterThan(0.8 * MAX_RECORD_BYTES);
  });
});

describe('definitions stored before the caps', () => {
  it('keep bounded history and page views', () => {
    const legacy = seg('sg_legacy000000000', {
      name: 'legacy',
      trigger: { kind: 'page_count', count: 5_000, distinct: true },
      filters: { past: [{ did: 'A', count: { op: 'gte', value: 1_000_000 }, inLast: '1d' }] },
    });
    const program = compileProgram([legacy]);
    expect(program.trackers.get('A')?.[0].cap).toBe(MAX_PAST_COUNT + 9);
    const actor = new UserActor(newUserRecord('u1'), program);
    for (let i = 0; i < 1_500; i++) {
      actor.applyEvent({ id: `a${i}`, userId: 'u1', name: 'A', ts: i, props: {} }, i, program);
      actor.applyEvent({ id: `p${i}`, userId: 'u1', name: '$page_view', ts: i, props: { url: `https://a.example/${i}` } }, i, program);
    }
    const record = actor.toRecord();
    expect(record.h?.['sg_legacy000000000#0']).toHaveLength(MAX_PAST_COUNT + 9);
    expect(record.state?.s.sg_legacy000000000.pv).toHaveLength(MAX_PAGE_COUNT);
  });
});
