import { describe, expect, it } from 'vitest';
import type { Segment } from '../types.ts';
import { readStoredSegment } from './stored-segment.ts';

const encoder = new TextEncoder();
const good: Segment = {
  id: 'sg_a',
  name: 'Launch',
  kind: 'action',
  createdAt: 1,
  definition: { name: 'Launch', trigger: { kind: 'action', event: 'Launch' } },
};
const read = (value: unknown, key = 'sg_a') =>
  readStoredSegment(key, typeof value === 'string' ? encoder.encode(value) : encoder.encode(JSON.stringify(value)));

describe('readStoredSegment', () => {
  it('accepts what the gateway stores', () => {
    expect(read(good)).toEqual({ ok: true, segment: good });
  });

  it('refuses, with a reason, what is not JSON, not a segment, or a definition the rules refuse', () => {
    expect(read('not json')).toEqual({ ok: false, reason: 'invalid_segment: not JSON' });
    expect(read(new Uint8Array([0xff]) as unknown as string)).toMatchObject({ ok: false });
    expect(read([1])).toEqual({ ok: false, reason: 'invalid_segment: not a JSON object' });
    expect(read(good, 'sg_b')).toMatchObject({ ok: false, reason: expect.stringContaining('is not its key') });
    const future = { ...good, kind: 'teleport', definition: { name: 'x', trigger: { kind: 'teleport' } } };
    expect(read(future)).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid_segment: definition: trigger/) });
    expect(read({ ...good, kind: 'inaction' })).toMatchObject({ ok: false, reason: expect.stringContaining('kind') });
    expect(read({ ...good, definition: { ...good.definition, trigger: { kind: 'action' } } })).toMatchObject({ ok: false });
  });
});
