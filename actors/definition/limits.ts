/**
 * The caps that keep a stored user record under MAX_RECORD_BYTES, and the arithmetic behind them
 * (docs/formats.md, "Limits"). Each cap is enforced where its data enters: the definition parser
 * refuses larger counts and longer filter lists, the user actor refuses a profile update that
 * would grow the stored profile past its cap.
 */
import type { SegmentDefinition } from '../types.ts';

/** A stored user record, as UTF-8 JSON, stays under this (NATS max_payload is 1 MiB). */
export const MAX_RECORD_BYTES = 256 * 1024;
/** The stored profile (props, timezone, unsubscribed) as UTF-8 JSON, after merging an update. */
export const MAX_STORED_PROFILE_BYTES = 64 * 1024;
/** Largest `count.value` of a past filter: the user keeps count + 9 timestamps per filter. */
export const MAX_PAST_COUNT = 1000;
/** Most past filters in one definition. */
export const MAX_PAST_FILTERS = 10;
/** Largest page_count `count`: the user keeps up to `count` views per page_count segment. */
export const MAX_PAGE_COUNT = 1000;

/**
 * Worst-case bytes of the record that do not belong to a segment: the user id (256 code points of
 * at most 4 UTF-8 bytes, quoted), `q` and the field names.
 */
export const RECORD_BASE_BYTES = 2 * 1024;
/** What all live segments together may add to one record: the rest of MAX_RECORD_BYTES. */
export const MAX_SEGMENT_STATE_BYTES = MAX_RECORD_BYTES - MAX_STORED_PROFILE_BYTES - RECORD_BASE_BYTES;

// Worst-case JSON sizes. A number is an epoch ms ≤ 9999-12-31 (15 digits) or a counter: 16 bytes
// with its comma. An event id is 128 code points of at most 4 bytes: 520 bytes with quotes and key.
const NUMBER = 16;
const EVENT_ID = 520;
/**
 * One segment's fixed state: its key and state name in `value`, its key in `s`, and n, at, d, w, k
 * (numbers), ev and c (event ids), b (8 recent `without` timestamps).
 */
const SEGMENT_BASE = 2 * 32 + 16 + 5 * (NUMBER + 6) + 2 * EVENT_ID + (8 * NUMBER + 8);
/** One past filter's history: key `"<id>#<i>":[…]`, then count + 9 timestamps. */
const FILTER_BASE = 32;
/** One page view kept by page_count: `[ts,hash],` with a 10-digit hash. */
const PAGE_VIEW = NUMBER + 13;

/**
 * The most one segment can add to a user record, as UTF-8 JSON. With the caps above a single
 * segment stays under MAX_SEGMENT_STATE_BYTES; the store of segments keeps the sum over live
 * segments under it too, which is what bounds the record.
 */
export function segmentStateBytes(def: SegmentDefinition): number {
  let bytes = SEGMENT_BASE;
  const t = def.trigger;
  if (t.kind === 'page_count' && (t.within !== undefined || t.distinct)) bytes += 8 + Math.min(t.count, MAX_PAGE_COUNT) * PAGE_VIEW;
  for (const f of def.filters?.past ?? []) {
    const count = 'did' in f ? Math.min(f.count?.value ?? 1, MAX_PAST_COUNT) : 0;
    bytes += FILTER_BASE + (count + 9) * NUMBER;
  }
  return bytes;
}
