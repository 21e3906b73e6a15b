import { describe, expect, it } from 'vitest';
import { emptyStats, mergeStats, readStats, RECENT_DELIVERIES, recordAttempt } from './stats.ts';
import type { RecentDelivery } from './types.ts';

const attempt = (over: Partial<RecentDelivery>): RecentDelivery => ({
  id: 'e',
  at: 1,
  attempt: 1,
  ok: true,
  status: 200,
  ms: 12,
  outcome: 'delivered',
  ...over,
});

describe('delivery stats', () => {
  it('counts an entry as retrying from its first failure until it is delivered or given up on', () => {
    const s = emptyStats();
    recordAttempt(s, attempt({ id: 'a', ok: false, status: 503, error: 'status 503', outcome: 'retrying' }));
    recordAttempt(s, attempt({ id: 'a', attempt: 2, ok: false, error: 'status 503', outcome: 'retrying' }));
    recordAttempt(s, attempt({ id: 'b', ok: false, error: 'timeout after 10000 ms', outcome: 'retrying' }));
    expect(s).toMatchObject({ delivered: 0, retrying: 2, failed: 0, lastError: 'timeout after 10000 ms' });
    recordAttempt(s, attempt({ id: 'a', attempt: 3 }));
    recordAttempt(s, attempt({ id: 'b', attempt: 2, ok: false, error: 'status 500', outcome: 'failed' }));
    expect(s).toMatchObject({ delivered: 1, retrying: 0, failed: 1, lastError: 'status 500', attempts: { ok: 1, error: 4 } });
  });

  it('adds the counts of several processes and keeps the newest attempts', () => {
    const a = emptyStats();
    const b = emptyStats();
    for (let i = 0; i < RECENT_DELIVERIES; i++) recordAttempt(a, attempt({ id: `a${i}`, at: i * 2 }));
    recordAttempt(b, attempt({ id: 'b', at: 1000, ms: 7000, ok: false, error: 'status 502', outcome: 'retrying' }));
    const m = mergeStats(a, b);
    expect(m).toMatchObject({ delivered: RECENT_DELIVERIES, retrying: 1, lastError: 'status 502' });
    expect(m.recent.length).toBe(RECENT_DELIVERIES);
    expect(m.recent.at(-1)!.id).toBe('b');
    expect(m.latency.reduce((x, y) => x + y, 0)).toBe(RECENT_DELIVERIES + 1);
    expect(m.latencySumMs).toBe(RECENT_DELIVERIES * 12 + 7000);
  });

  it('leaves test sends out of the counts and reads broken records as empty', () => {
    const s = emptyStats();
    recordAttempt(s, attempt({ id: 'test_1', outcome: 'test' }));
    expect(s).toMatchObject({ delivered: 0, recent: [{ id: 'test_1' }] });
    expect(readStats('not json')).toEqual(emptyStats());
    expect(readStats('{"delivered":3,"latency":[1]}')).toMatchObject({ delivered: 3, latency: emptyStats().latency });
  });
});
