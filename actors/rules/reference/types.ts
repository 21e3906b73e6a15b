/** Shared shapes of the reference-model harness: one input as it arrives, one entry as observed. */
import type { LiveEvent, ProfileUpdate } from '../../types.ts';

/**
 * One input of a simulated history: an event or a profile update, with the time JetStream stored
 * it. A history's arrivals are non-decreasing; the user is the event's or the update's `userId`.
 */
export interface Input {
  arrival: number;
  event?: LiveEvent;
  profile?: ProfileUpdate;
}

/** One segment entry as both sides report it: who, which entry number, when, and the cause event. */
export interface ObservedEntry {
  userId: string;
  n: number;
  at: number;
  eventId?: string;
}

/** The user an input belongs to. */
export const userOf = (input: Input): string => (input.event?.userId ?? input.profile?.userId)!;

/** Orders entries by user, then entry number, so two reports compare independently of firing order. */
export function sortEntries(entries: ObservedEntry[]): ObservedEntry[] {
  return entries.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : a.n - b.n));
}
