/** The demo traffic loop `liveseg dev` runs: the traffic model published at a steady rate. */
import type { Producer } from '../../actors/bus/producer.ts';
import { createTrafficModel, type TrafficItem } from './traffic-model.ts';

/** Options of startDemoTraffic. */
export interface DemoTrafficOptions {
  producer: Pick<Producer, 'publishEvent' | 'publishProfile'>;
  /** Events per second (profile updates come on top); default 20. */
  eventsPerSecond?: number;
  /** Size of the simulated user pool; default 500. */
  users?: number;
  /** Event time source; default Date.now. */
  now?: () => number;
  /** Randomness source; default Math.random. */
  random?: () => number;
  /** Told about each failed publish; the loop carries on regardless. */
  onError?: (err: unknown) => void;
}

/** A running demo traffic loop. */
export interface DemoTraffic {
  /** Stops ticking; resolves once the tick in progress (if any) has finished publishing. */
  stop(): Promise<void>;
}

const TICK_MS = 100;

/**
 * Starts publishing demo traffic: every 100 ms, a tenth of `eventsPerSecond` events (fractions
 * carry over). Publishes are awaited one by one so a user's profile lands before their first
 * event, and a slow NATS slows the demo instead of piling up promises. Ticks never overlap.
 */
export function startDemoTraffic(opts: DemoTrafficOptions): DemoTraffic {
  const { producer } = opts;
  const rate = Math.max(0, opts.eventsPerSecond ?? 20);
  const model = createTrafficModel({ users: opts.users ?? 500, random: opts.random, now: opts.now });
  const report = (err: unknown) => {
    try {
      opts.onError?.(err);
    } catch {
      // A failing error handler must not be what stops the demo.
    }
  };

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let budget = 0;

  async function publish(item: TrafficItem): Promise<void> {
    try {
      if (item.kind === 'event') await producer.publishEvent(item.event);
      else await producer.publishProfile(item.profile, item.id);
    } catch (err) {
      report(err);
    }
  }

  async function tick(): Promise<void> {
    const started = Date.now();
    budget += (rate * TICK_MS) / 1000;
    while (budget >= 1 && !stopped) {
      budget -= 1;
      let items: TrafficItem[] = [];
      try {
        items = model.next();
      } catch (err) {
        report(err);
      }
      for (const item of items) await publish(item);
    }
    if (stopped) return;
    // Subtract the time spent publishing so the rate holds while NATS keeps up.
    timer = setTimeout(schedule, Math.max(0, TICK_MS - (Date.now() - started)));
  }

  function schedule(): void {
    timer = undefined;
    running = tick();
  }

  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
