import type { JsMsg } from '@nats-io/jetstream';
import { parseEvent, parseProfileUpdate } from '../definition/index.ts';
import type { LiveEvent, Problem, ProfileUpdate } from '../types.ts';
import { deliveryOfMsg, type Delivery } from './delivery.ts';

const decoder = new TextDecoder();

/**
 * One message of LIVESEG_IN, validated; `userId` is undefined when it was invalid (and is skipped).
 * An event no rule mentions has a `userId` but no `event`: it changes nobody.
 */
export interface Input {
  msg: JsMsg;
  /** The message's stream sequence. */
  seq: number;
  /** When the stream stored it (epoch ms). */
  arrival: number;
  /** The user's store key, set by the runner for inputs that concern some rule. */
  key?: string;
  userId?: string;
  event?: LiveEvent;
  profile?: ProfileUpdate;
}

const explain = (problems: Problem[]) => problems.map((p) => `${p.path}: ${p.message}`).join('; ');

/**
 * Decodes and validates a message as the gateway would: NATS producers get no free pass. An event
 * whose name no rule mentions (`relevant` false; most traffic) is only checked for a user id and a
 * name: it changes nobody, and full validation was ~5% of a worker's CPU for nothing.
 */
export function decodeInput(
  msg: JsMsg,
  now: number,
  relevant: (name: string) => boolean,
  reject: (why: string) => void,
  delivery: Delivery = deliveryOfMsg(msg),
): Input {
  const { seq, at: arrival } = delivery;
  const data = msg.data; // a fresh view per read when the message has headers
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(data));
  } catch {
    reject('not JSON');
    return { msg, seq, arrival };
  }
  if (msg.subject.endsWith('.pr')) {
    const parsed = parseProfileUpdate(raw);
    if (!parsed.ok) {
      reject(explain(parsed.problems));
      return { msg, seq, arrival };
    }
    return { msg, seq, arrival, userId: parsed.value.userId, profile: parsed.value };
  }
  const r = raw as { userId?: unknown; name?: unknown } | null;
  if (typeof r === 'object' && r !== null && typeof r.userId === 'string' && typeof r.name === 'string' && !relevant(r.name)) {
    return { msg, seq, arrival, userId: r.userId };
  }
  const parsed = parseEvent(raw, now, () => msg.headers?.get('Nats-Msg-Id') || `seq-${seq}`, data.length);
  if (!parsed.ok) {
    reject(explain(parsed.problems));
    return { msg, seq, arrival };
  }
  return { msg, seq, arrival, userId: parsed.value.userId, event: parsed.value };
}
