import type { JsMsg } from '@nats-io/jetstream';
import { parseEvent, parseProfileUpdate } from '../definition/index.ts';
import type { LiveEvent, Problem, ProfileUpdate } from '../types.ts';
import { userKey } from '../user/record.ts';

const decoder = new TextDecoder();

/** One message of LIVESEG_IN, validated; `key` is empty when it was invalid (and is skipped). */
export interface Input {
  msg: JsMsg;
  key: string;
  userId?: string;
  /** When the stream stored it (epoch ms). */
  arrivedAt: number;
  event?: LiveEvent;
  profile?: ProfileUpdate;
}

const explain = (problems: Problem[]) => problems.map((p) => `${p.path}: ${p.message}`).join('; ');

/** Decodes and validates a message as the gateway would: NATS producers get no free pass. */
export function decodeInput(msg: JsMsg, partition: number, now: number, reject: (why: string) => void): Input {
  const arrivedAt = Number(msg.timestampNanos / 1_000_000n);
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(msg.data));
  } catch {
    reject('not JSON');
    return { msg, key: '', arrivedAt };
  }
  if (msg.subject.endsWith('.pr')) {
    const parsed = parseProfileUpdate(raw);
    if (!parsed.ok) {
      reject(explain(parsed.problems));
      return { msg, key: '', arrivedAt };
    }
    return { msg, key: userKey(partition, parsed.value.userId), userId: parsed.value.userId, arrivedAt, profile: parsed.value };
  }
  const parsed = parseEvent(raw, now, () => msg.headers?.get('Nats-Msg-Id') || `seq-${msg.seq}`, msg.data.length);
  if (!parsed.ok) {
    reject(explain(parsed.problems));
    return { msg, key: '', arrivedAt };
  }
  return { msg, key: userKey(partition, parsed.value.userId), userId: parsed.value.userId, arrivedAt, event: parsed.value };
}
