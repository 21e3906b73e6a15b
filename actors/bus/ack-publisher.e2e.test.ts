import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAM_IN } from './names.ts';
import { startTestSystem, type TestSystem } from '../../deploy/testing/system.ts';
import { AckPublisher } from './ack-publisher.ts';

const enc = new TextEncoder();

describe('AckPublisher against real JetStream', () => {
  let sys: TestSystem;
  let acks: AckPublisher;
  beforeAll(async () => {
    sys = await startTestSystem({ partitions: 2, worker: false });
    acks = new AckPublisher(sys.nc, 300);
  }, 30_000);
  afterAll(async () => {
    acks?.stop();
    await sys?.stop();
  });

  it('resolves with the stream acknowledgement and flags duplicates by msg id', async () => {
    const first = await acks.publish('liveseg.in.0.ev', enc.encode('{"x":1}'), { msgID: 'ack-1' });
    expect(first).toMatchObject({ stream: STREAM_IN, duplicate: false });
    const again = await acks.publish('liveseg.in.0.ev', enc.encode('{"x":1}'), { msgID: 'ack-1' });
    expect(again).toMatchObject({ stream: STREAM_IN, seq: first.seq, duplicate: true });
  });

  it('publishes many at once, each acknowledged exactly once', async () => {
    const results = await Promise.all(
      Array.from({ length: 2000 }, (_, i) => acks.publish(`liveseg.in.${i % 2}.ev`, enc.encode(`{"i":${i}}`), { msgID: `many-${i}` })),
    );
    expect(new Set(results.map((r) => r.seq)).size).toBe(2000);
    expect(acks.pending).toBe(0);
  });

  it('rejects as unavailable when no stream takes the subject', async () => {
    await expect(acks.publish('nobody.listens.here', enc.encode('x'))).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('rejects as unavailable when no acknowledgement comes in time', async () => {
    const silent = sys.nc.subscribe('silent.subject', { callback: () => {} });
    try {
      await expect(acks.publish('silent.subject', enc.encode('x'))).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/within 300 ms/),
      });
      expect(acks.pending).toBe(0);
    } finally {
      silent.unsubscribe();
    }
  });

  it('fails what is outstanding when stopped', async () => {
    const local = new AckPublisher(sys.nc, 60_000);
    const silent = sys.nc.subscribe('silent.two', { callback: () => {} });
    const p = local.publish('silent.two', enc.encode('x'));
    local.stop();
    await expect(p).rejects.toMatchObject({ code: 'unavailable' });
    silent.unsubscribe();
  });
});
