import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SEGMENT_STATE_BYTES, segmentStateBytes } from '../../actors/definition/index.ts';
import type { SegmentDefinition } from '../../actors/types.ts';
import { startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';
import { specViolations } from './helpers.ts';

/** A segment whose state per user can grow the most the caps allow: ten past filters counting 1,000 events. */
const heavy = (name: string): SegmentDefinition => ({
  name,
  trigger: { kind: 'action', event: 'Checkout' },
  filters: { past: Array.from({ length: 10 }, (_, i) => ({ did: `Event ${i}`, count: { op: 'gte', value: 1000 }, inLast: '30d' })) },
});

describe('the segment limit that keeps user records under their cap', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 2, worker: false });
  }, 30_000);
  afterAll(async () => {
    await sys?.stop();
  });

  it('refuses a segment the live ones leave no room for, with 409 segment_limit, and accepts it again after a delete', async () => {
    expect(segmentStateBytes(heavy('x')) * 2).toBeGreaterThan(MAX_SEGMENT_STATE_BYTES);
    const first = await sys.http('POST', '/v1/segments', heavy('Heavy one'));
    expect(first.status).toBe(201);
    const second = await sys.http('POST', '/v1/segments', heavy('Heavy two'));
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('segment_limit');
    expect(second.json.error.message).toContain('delete a segment first');
    expect(specViolations('POST', '/v1/segments', second.status, second.json)).toEqual([]);
    // Small segments still fit beside the heavy one.
    expect((await sys.http('POST', '/v1/segments', { name: 'Light', trigger: { kind: 'action', event: 'X' } })).status).toBe(201);
    expect((await sys.http('DELETE', `/v1/segments/${first.json.id}`)).status).toBe(204);
    expect((await sys.http('POST', '/v1/segments', heavy('Heavy two'))).status).toBe(201);
  });
});
