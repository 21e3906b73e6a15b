import { expect } from 'vitest';
import { eventually, type TestSystem } from '../../../deploy/testing/system.ts';

/** Publishes `count` unique users' events, one every `gapMs`, retrying each until NATS takes it. */
export async function load(sys: TestSystem, prefix: string, count: number, gapMs: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const ev = { id: `${prefix}-${i}`, userId: `${prefix}-${i}`, name: 'Order', ts: Date.now(), props: {} };
    for (;;) {
      try {
        await sys.producer.publishEvent(ev);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
  }
}

export async function expectExactlyOnce(sys: TestSystem, segmentId: string, count: number): Promise<void> {
  await eventually(async () => (await sys.entries()).filter((e) => e.segmentId === segmentId).length >= count, 90_000, 250);
  await new Promise((r) => setTimeout(r, 1000));
  const entries = (await sys.entries()).filter((e) => e.segmentId === segmentId);
  expect(entries.length).toBe(count);
  expect(new Set(entries.map((e) => e.userId)).size).toBe(count);
}
