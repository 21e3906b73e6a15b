import type { JsMsg } from '@nats-io/jetstream';
import { parseEvent, parseProfileUpdate } from '../definition/index.ts';
import type { LiveEvent, Problem, ProfileUpdate } from '../types.ts';
import { userKey } from '../user/index.ts';
import { deliveryOfMsg, type Delivery } from './delivery.ts';

const decoder = new TextDecoder();

/** Where an input sits in LIVESEG_IN: its stream sequence and when the stream stored it (epoch ms). */
interface Arrived {
  seq: number;
  arrival: number;
}

/**
 * One message of LIVESEG_IN, validated. `invalid` was rejected when decoded; `ignored` is an event
 * no rule or filter mentions (it changes nobody, so its user is not even loaded); `event` and
 * `profile` concern the user stored under `key`.
 */
export type Input =
  | (Arrived & { kind: 'invalid' })
  | (Arrived & { kind: 'ignored'; userId: string })
  | (Arrived & { kind: 'event'; userId: string; key: string; event: LiveEvent })
  | (Arrived & { kind: 'profile'; userId: string; key: string; profile: ProfileUpdate });

/** What decoding a round's messages needs, built once per round. */
export interface DecodeContext {
  partition: number;
  /** Processing time, for validating event timestamps. */
  now: number;
  /** Whether some rule or filter mentions an event name. */
  relevant(name: string): boolean;
  /** Called with the sequence of an invalid message and why it was rejected. */
  reject(seq: number, why: string): void;
}

const explain = (problems: Problem[]) => problems.map((p) => `${p.path}: ${p.message}`).join('; ');

/**
 * Decodes and validates a message as the gateway would: NATS producers get no free pass. An event
 * whose name no rule mentions (`relevant` false; most traffic) is only checked for a user id and a
 * name: it changes nobody, and full validation was ~5% of a worker's CPU for nothing.
 */
export function decodeInput(msg: JsMsg, ctx: DecodeContext, delivery: Delivery = deliveryOfMsg(msg)): Input {
  const { seq, at: arrival } = delivery;
  const data = msg.data; // a fresh view per read when the message has headers
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(data));
  } catch {
    ctx.reject(seq, 'not JSON');
    return { kind: 'invalid', seq, arrival };
  }
  if (msg.subject.endsWith('.pr')) {
    const parsed = parseProfileUpdate(raw);
    if (!parsed.ok) {
      ctx.reject(seq, explain(parsed.problems));
      return { kind: 'invalid', seq, arrival };
    }
    const userId = parsed.value.userId;
    return { kind: 'profile', seq, arrival, userId, key: userKey(ctx.partition, userId), profile: parsed.value };
  }
  const r = raw as { userId?: unknown; name?: unknown } | null;
  if (typeof r === 'object' && r !== null && typeof r.userId === 'string' && typeof r.name === 'string' && !ctx.relevant(r.name)) {
    return { kind: 'ignored', seq, arrival, userId: r.userId };
  }
  const parsed = parseEvent(raw, ctx.now, () => msg.headers?.get('Nats-Msg-Id') || `seq-${seq}`, data.length);
  if (!parsed.ok) {
    ctx.reject(seq, explain(parsed.problems));
    return { kind: 'invalid', seq, arrival };
  }
  const userId = parsed.value.userId;
  return { kind: 'event', seq, arrival, userId, key: userKey(ctx.partition, userId), event: parsed.value };
}
