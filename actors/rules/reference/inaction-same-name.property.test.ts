import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SAME_NAME_INACTION } from './kinds.ts';
import { expectAgreement, RUNS } from './scenario.ts';

// "App Launched without App Launched within 7d" is a legal definition. README: a `without` at
// exactly A.ts cancels, so an event matching both `event` and `without` cancels its own window.
describe('inaction with one event name for event and without: engine = reference model', () => {
  it('agrees on random histories', () => {
    fc.assert(fc.property(SAME_NAME_INACTION, expectAgreement), { numRuns: RUNS });
  }, 60_000);
});
