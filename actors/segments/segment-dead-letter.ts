import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { deadLetterId, deadLetterSubject, type SegmentDeadLetter } from '../bus/dead-letters.ts';
import { STREAM_DLQ } from '../bus/names.ts';

const encoder = new TextEncoder();

/**
 * Dead-letters a broken segment once: every worker and gateway reads the same value, at every
 * start, so the last letter on the segment's subject is checked first (the Nats-Msg-Id covers
 * only the duplicate window).
 */
export async function publishSegmentDeadLetter(js: JetStreamClient, jsm: JetStreamManager, letter: SegmentDeadLetter): Promise<void> {
  const subject = deadLetterSubject(letter);
  const last = await jsm.streams.getMessage(STREAM_DLQ, { last_by_subj: subject }).catch(() => null);
  if (last && last.json<SegmentDeadLetter>().revision === letter.revision) return;
  await js.publish(subject, encoder.encode(JSON.stringify(letter)), { msgID: deadLetterId(letter) });
}
