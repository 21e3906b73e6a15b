/**
 * A scenario is one segment, one history and the points where actors are persisted; the property
 * every test states is that the engine and the reference model report the same entries for it.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Segment, SegmentDefinition } from '../../types.ts';
import { durationsOf, memoryLimits, segmentOf } from './definitions.ts';
import { buildHistory, stepsArb, type HistoryShape } from './history.ts';
import { referenceEntries } from './model.ts';
import { engineEntries } from './simulate.ts';
import type { Input } from './types.ts';

/** One generated case. */
export interface Scenario {
  segment: Segment;
  inputs: Input[];
  /** Input indices before which every actor is reloaded from its JSON record. */
  roundTrips: number[];
}

/** Where a scenario's timeline starts and what its anchored timestamps refer to. */
export interface ScenarioOptions {
  start: number;
  /** Event names whose latest ts anchors edge timestamps. */
  names: readonly string[];
  monotonePageViews?: boolean;
  /** Also create the segment after part of the history (datetime: users already stored). */
  createLate?: boolean;
}

/** Scenarios for definitions from `definition` and histories of `shape`, within the memory bounds. */
export function scenarioArb(definition: fc.Arbitrary<SegmentDefinition>, shape: HistoryShape, o: ScenarioOptions): fc.Arbitrary<Scenario> {
  const late = o.createLate ? fc.option(fc.nat(), { nil: undefined, freq: 2 }) : fc.constant(undefined);
  return fc
    .record({
      def: definition,
      users: fc.integer({ min: 1, max: 4 }),
      steps: stepsArb(shape),
      roundTrips: fc.uniqueArray(fc.nat({ max: shape.maxSteps }), { maxLength: 3 }),
      late,
    })
    .map(({ def, users, steps, roundTrips, late }) => {
      const inputs = buildHistory(steps, {
        start: o.start,
        users,
        names: o.names,
        durations: durationsOf(def),
        limits: memoryLimits(def),
        monotonePageViews: o.monotonePageViews,
      });
      // Arrivals sit on a coarse grid, so creation at arrival + 1 ms never ties with an input.
      const createdAt = late === undefined || inputs.length === 0 ? o.start - 1 : inputs[late % inputs.length].arrival + 1;
      return { segment: segmentOf(def, createdAt), inputs, roundTrips: roundTrips.filter((i) => i < inputs.length) };
    });
}

/** Asserts that engine and model agree on a scenario (vitest's diff shows where they part). */
export function expectAgreement({ segment, inputs, roundTrips }: Scenario): void {
  const model = referenceEntries(segment, inputs);
  const engine = engineEntries(segment, inputs, { roundTrips: new Set(roundTrips) });
  expect(engine).toEqual(model);
}

/** Runs per property: the brief asks for at least a thousand per trigger kind. */
export const RUNS = 1000;
