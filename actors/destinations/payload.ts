import type { Entry } from '../types.ts';

/** The JSON body POSTed for one entry (docs/destinations.md, "Payload"). */
export interface EntryPayload {
  type: 'segment.entry';
  /** ISO-8601 time of the entry. */
  timestamp: string;
  data: Entry & { segmentName: string };
}

/** The body of an entry's webhook. */
export function entryPayload(entry: Entry, segmentName: string): EntryPayload {
  return { type: 'segment.entry', timestamp: new Date(entry.at).toISOString(), data: { ...entry, segmentName } };
}

/** The body of `POST /v1/destinations/:id/test`: an entry-shaped example, typed so receivers can tell. */
export function testPayload(segmentId: string, segmentName: string, now: number) {
  return {
    type: 'destination.test' as const,
    timestamp: new Date(now).toISOString(),
    data: {
      segmentId,
      userId: 'liveseg-test-user',
      at: now,
      cause: { kind: 'test' },
      reach: { email: true, sms: false, whatsapp: false, push: false, web_push: false },
      segmentName,
    },
  };
}
