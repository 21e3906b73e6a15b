/**
 * Helpers for the hand-written boundary examples: terse inputs, and one assertion that checks the
 * expected entries against the reference model and the engine at once.
 */
import { expect } from 'vitest';
import type { ProfileUpdate, SegmentDefinition } from '../../types.ts';
import { segmentOf } from './definitions.ts';
import { referenceEntries } from './model.ts';
import { engineEntries } from './simulate.ts';
import type { Input, ObservedEntry } from './types.ts';

/** 2026-01-01T00:00:00Z, the origin of the examples' timelines. */
export const T = Date.UTC(2026, 0, 1);
/** Ten minutes, the examples' usual window. */
export const N = 600_000;

let ids = 0;

/** An event of `userId` named `name` with timestamp `ts`, arriving at `arrival` (default: ts). */
export function ev(
  name: string,
  ts: number,
  opts: { arrival?: number; user?: string; props?: Record<string, unknown>; id?: string } = {},
): Input {
  const id = opts.id ?? `x${++ids}`;
  return { arrival: opts.arrival ?? ts, event: { id, userId: opts.user ?? 'u1', name, ts, props: opts.props ?? {} } };
}

/** A page view of `url` (optionally from `referrer`) at `ts`. */
export const view = (url: string, ts: number, opts: { referrer?: string; id?: string; arrival?: number } = {}): Input =>
  ev('$page_view', ts, {
    id: opts.id,
    arrival: opts.arrival,
    props: opts.referrer === undefined ? { url } : { url, referrer: opts.referrer },
  });

/** A profile update of u1 arriving at `arrival`. */
export const profile = (arrival: number, update: Omit<ProfileUpdate, 'userId'>): Input => ({
  arrival,
  profile: { userId: 'u1', ...update },
});

/** The entry of u1 number `n` at `at`, caused by `eventId`. */
export function entry(at: number, eventId?: string, n = 1): ObservedEntry {
  const e: ObservedEntry = { userId: 'u1', n, at };
  if (eventId !== undefined) e.eventId = eventId;
  return e;
}

/**
 * Asserts that both the reference model and the engine (with every actor reloaded from JSON
 * before every input) produce exactly `expected` for `definition` created at `createdAt`.
 */
export function expectEntries(definition: SegmentDefinition, inputs: Input[], expected: ObservedEntry[], createdAt = T - 3_600_000): void {
  const segment = segmentOf(definition, createdAt);
  expect(referenceEntries(segment, inputs), 'reference model').toEqual(expected);
  expect(engineEntries(segment, inputs), 'engine').toEqual(expected);
  expect(engineEntries(segment, inputs, { roundTrips: new Set(inputs.keys()) }), 'engine, reloaded from JSON').toEqual(expected);
}
