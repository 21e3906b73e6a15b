import { LivesegError, type DeadLetterErrorCode } from '../errors.ts';
import type { AckPublisher } from './ack-publisher.ts';
import { dlqSubject, type DeadLetterKind } from './names.ts';
import { fnv1a32 } from './partition.ts';

const encoder = new TextEncoder();
const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes as a dead letter carries them: `<field>` as text when they are valid UTF-8 (almost
 * always: inputs and records are JSON), otherwise `<field>Base64`.
 */
export type Carried<F extends string> = { [K in F]: string } | { [K in `${F}Base64`]: string };

/** An input of LIVESEG_IN that could not be applied. */
export type InputDeadLetter = {
  kind: 'input';
  reason: string;
  partition: number;
  /** Its sequence in LIVESEG_IN. */
  seq: number;
  subject: string;
  /** Its Nats-Msg-Id, if it had one. */
  msgId?: string;
} & Carried<'payload'>;

/** A stored user record that could not be read; the user started afresh. */
export interface RecordDeadLetter {
  kind: 'record';
  reason: string;
  partition: number;
  /** The record's key in liveseg_users, `<p>.<base64url(userId)>`. */
  key: string;
  /** The stored value as read (text). */
  stored: string;
  /** The sequence of the input that found it, when an input did (not a window or a backfill). */
  seq?: number;
}

/** A value of liveseg_segments that is not a usable segment; left out of every program. */
export type SegmentDeadLetter = {
  kind: 'segment';
  reason: string;
  /** Its key in liveseg_segments. */
  id: string;
  /** Its revision in the bucket. */
  revision: number;
} & Carried<'value'>;

/** A message of LIVESEG_DLQ (docs/dead-letters.md). */
export type DeadLetter = InputDeadLetter | RecordDeadLetter | SegmentDeadLetter;

/** `bytes` under `field`, as text when valid UTF-8, else base64. */
export function carry<F extends string>(field: F, bytes: Uint8Array): Carried<F> {
  try {
    return { [field]: strict.decode(bytes) } as Carried<F>;
  } catch {
    let bin = '';
    for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return { [`${field}Base64`]: btoa(bin) } as Carried<F>;
  }
}

/** The `reason` of a dead letter, `<code>: <message>`: a liveseg error's own code, else `fallback`. */
export function reasonOf(err: unknown, fallback: DeadLetterErrorCode): string {
  if (err instanceof LivesegError) return `${err.code}: ${err.message}`;
  return `${fallback}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
}

/** Where a dead letter goes: `liveseg.dlq.<kind>.<partition>`, a segment's `liveseg.dlq.segment.<id>`. */
export function deadLetterSubject(letter: DeadLetter): string {
  return letter.kind === 'segment' ? `${dlqSubject('segment')}.${letter.id}` : dlqSubject(letter.kind, letter.partition);
}

/**
 * Its Nats-Msg-Id, the same every time the same thing fails, so a replay after a crash does not
 * store it twice: the input's stream sequence, the record's key and a hash of what was stored, the
 * segment's revision.
 */
export function deadLetterId(letter: DeadLetter): string {
  switch (letter.kind) {
    case 'input':
      return `input:${letter.partition}:${letter.seq}`;
    case 'record':
      return `record:${letter.key}:${fnv1a32(letter.stored).toString(16)}:${letter.stored.length}`;
    case 'segment':
      return `segment:${letter.id}:${letter.revision}`;
  }
}

/** Kinds of dead letter, for counting them (`liveseg status`). */
export const DEAD_LETTER_KINDS: readonly DeadLetterKind[] = ['input', 'record', 'segment'];

/**
 * Stores dead letters in LIVESEG_DLQ, all at once, and resolves when JetStream has acknowledged
 * every one. Throws UnavailableError (retryable) when it could not: the caller must not move past
 * them until they are stored.
 */
export async function publishDeadLetters(acks: AckPublisher, letters: readonly DeadLetter[]): Promise<void> {
  await Promise.all(letters.map((l) => acks.publish(deadLetterSubject(l), encoder.encode(JSON.stringify(l)), { msgID: deadLetterId(l) })));
}
