import { describe, expect, it } from 'vitest';
import type { SegmentDefinition } from '../types.ts';
import { parseDefinition } from './definition.ts';
import {
  MAX_PAGE_COUNT,
  MAX_PAST_COUNT,
  MAX_PAST_FILTERS,
  MAX_RECORD_BYTES,
  MAX_SEGMENT_STATE_BYTES,
  MAX_STORED_PROFILE_BYTES,
  segmentStateBytes,
} from './limits.ts';

describe('record caps', () => {
  it('leave room for a full profile beside the segments', () => {
    expect(MAX_SEGMENT_STATE_BYTES + MAX_STORED_PROFILE_BYTES).toBeLessThan(MAX_RECORD_BYTES);
  });

  it('are refused by the definition parser with the limit in the message', () => {
    const r = parseDefinition({
      name: 'x',
      trigger: { kind: 'page_count', count: MAX_PAGE_COUNT + 1 },
      filters: { past: [{ did: 'A', count: { op: 'gte', value: MAX_PAST_COUNT + 1 }, inLast: '1d' }] },
    });
    expect(r).toEqual({
      ok: false,
      problems: [
        { path: 'trigger.count', message: 'must be an integer from 1 to 1000' },
        { path: 'filters.past[0].count.value', message: 'must be an integer from 0 to 1000' },
      ],
    });
    const many = parseDefinition({
      name: 'x',
      trigger: { kind: 'action', event: 'A' },
      filters: { past: Array(MAX_PAST_FILTERS + 1).fill({ didNot: 'B', inLast: '1d' }) },
    });
    expect(many.ok === false && many.problems).toEqual([
      { path: 'filters.past', message: 'must have at most 10 filters (each keeps history in every user record)' },
    ]);
  });

  it('weigh a typical segment at a couple of kilobytes', () => {
    const typical: SegmentDefinition = {
      name: 't',
      trigger: { kind: 'inaction', event: 'Cart', without: { event: 'Buy' }, within: '1h' },
      filters: { past: [{ did: 'Launch', count: { op: 'gte', value: 3 }, inLast: '30d' }] },
    };
    expect(segmentStateBytes(typical)).toBeLessThan(2048);
  });

  it('clamp definitions stored before the caps instead of failing', () => {
    const legacy: SegmentDefinition = {
      name: 'old',
      trigger: { kind: 'page_count', count: 100_000, distinct: true },
      filters: { past: [{ did: 'A', count: { op: 'gte', value: 1_000_000 }, inLast: '1d' }] },
    };
    expect(segmentStateBytes(legacy)).toBeLessThanOrEqual(MAX_SEGMENT_STATE_BYTES);
  });
});
