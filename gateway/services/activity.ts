import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { IN_WILDCARD } from '../../actors/bus/names.ts';

const decoder = new TextDecoder();
const KEY = '"userId"';

/**
 * The top-level `userId` of an input message without parsing the whole JSON: producers (ours
 * first) write it before `props`, and a per-second activity count does not need more than that.
 * Undefined when there is none or it is not a plain JSON string.
 */
export function userIdOf(bytes: Uint8Array): string | undefined {
  const text = decoder.decode(bytes);
  let i = text.indexOf(KEY);
  if (i < 0) return undefined;
  i += KEY.length;
  while (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t') i++;
  if (text[i] !== ':') return undefined;
  i++;
  while (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t') i++;
  if (text[i] !== '"') return undefined;
  let escaped = false;
  for (let j = i + 1; j < text.length; j++) {
    const ch = text[j];
    if (ch === '\\') {
      escaped = true;
      j++;
      continue;
    }
    if (ch !== '"') continue;
    if (!escaped) return text.slice(i + 1, j);
    try {
      return JSON.parse(text.slice(i, j + 1)) as string;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Input activity of one interval. */
export interface Activity {
  /** Events (not profile updates) published to LIVESEG_IN. */
  events: number;
  /** Distinct users with any input (events or profile updates). */
  activeUsers: number;
}

/**
 * Counts input activity with ONE core-NATS subscription on `liveseg.in.>` (JetStream stream
 * subjects reach plain subscribers too), shared by the whole gateway. It only runs while someone
 * watches (SSE clients), because it makes the gateway receive every input message.
 */
export class ActivityMeter {
  private sub?: Subscription;
  private events = 0;
  private users = new Set<string>();

  constructor(private readonly nc: NatsConnection) {}

  get running(): boolean {
    return this.sub !== undefined;
  }

  start(): void {
    if (this.sub || this.nc.isClosed()) return;
    this.take();
    this.sub = this.nc.subscribe(IN_WILDCARD, {
      callback: (err, m) => {
        if (err) return;
        if (m.subject.endsWith('.ev')) this.events++;
        const userId = userIdOf(m.data);
        if (userId !== undefined) this.users.add(userId);
      },
    });
  }

  stop(): void {
    this.sub?.unsubscribe();
    this.sub = undefined;
  }

  /** The activity since the previous call. */
  take(): Activity {
    const a = { events: this.events, activeUsers: this.users.size };
    this.events = 0;
    this.users = new Set();
    return a;
  }
}
