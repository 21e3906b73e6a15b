import { describe, expect, it } from 'vitest';
import type { PubAck } from '@nats-io/jetstream';
import type { LiveEvent, ProfileUpdate } from '../../actors/types.ts';
import { mulberry32 } from './random.ts';
import { startDemoTraffic } from './traffic.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ack = { stream: 'LIVESEG_IN', seq: 1, duplicate: false } as PubAck;

/** A producer that records what it is asked to publish. */
function fakeProducer() {
  const events: LiveEvent[] = [];
  const profiles: { update: ProfileUpdate; id?: string }[] = [];
  const order: string[] = [];
  return {
    events,
    profiles,
    order,
    async publishEvent(ev: LiveEvent) {
      events.push(ev);
      order.push(`e:${ev.userId}`);
      return ack;
    },
    async publishProfile(update: ProfileUpdate, id?: string) {
      profiles.push({ update, id });
      order.push(`p:${update.userId}`);
      return ack;
    },
  };
}

describe('startDemoTraffic', () => {
  it('publishes roughly the configured rate and stops cleanly', async () => {
    const producer = fakeProducer();
    const traffic = startDemoTraffic({ producer, eventsPerSecond: 50, users: 50, random: mulberry32(3) });
    await sleep(600);
    const during = producer.events.length;
    // 50/s for 0.6 s is 30; timers are coarse on a busy machine, so allow slack both ways.
    expect(during).toBeGreaterThanOrEqual(15);
    expect(during).toBeLessThanOrEqual(45);
    await traffic.stop();
    const atStop = producer.events.length;
    await sleep(300);
    expect(producer.events.length).toBe(atStop);

    // Every user's profile is published before their first event, with an id for de-duplication.
    const first = new Map<string, number>();
    producer.order.forEach((k, i) => {
      if (!first.has(k)) first.set(k, i);
    });
    for (const { update, id } of producer.profiles) {
      expect(id).toBeTruthy();
      const e = first.get(`e:${update.userId}`);
      if (e !== undefined) expect(first.get(`p:${update.userId}`)!).toBeLessThan(e);
    }
  });

  it('stamps events with the injected clock', async () => {
    const producer = fakeProducer();
    const traffic = startDemoTraffic({ producer, eventsPerSecond: 100, now: () => 1_700_000_000_000 });
    await sleep(150);
    await traffic.stop();
    expect(producer.events.length).toBeGreaterThan(0);
    expect(producer.events.every((e) => e.ts === 1_700_000_000_000)).toBe(true);
  });

  it('keeps going when the producer fails, reporting each failure', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const producer = {
      publishEvent(): Promise<PubAck> {
        calls++;
        // Alternate a synchronous throw and a rejection: both must be survived.
        if (calls % 2) throw new Error('nats down');
        return Promise.reject(new Error('timeout'));
      },
      async publishProfile(): Promise<PubAck> {
        throw new Error('nats down');
      },
    };
    const traffic = startDemoTraffic({ producer, eventsPerSecond: 50, onError: (e) => errors.push(e) });
    await sleep(350);
    const early = calls;
    await sleep(250);
    await traffic.stop();
    expect(early).toBeGreaterThan(0);
    expect(calls).toBeGreaterThan(early);
    expect(errors.length).toBeGreaterThanOrEqual(calls);
    expect(errors.every((e) => e instanceof Error)).toBe(true);
  });

  it('survives an onError that throws', async () => {
    let calls = 0;
    const producer = {
      async publishEvent(): Promise<PubAck> {
        calls++;
        throw new Error('nats down');
      },
      async publishProfile(): Promise<PubAck> {
        return ack;
      },
    };
    const traffic = startDemoTraffic({
      producer,
      eventsPerSecond: 50,
      onError: () => {
        throw new Error('bad handler');
      },
    });
    await sleep(300);
    const early = calls;
    await sleep(200);
    await traffic.stop();
    expect(calls).toBeGreaterThan(early);
  });
});
