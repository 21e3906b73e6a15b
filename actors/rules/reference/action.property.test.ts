import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SCENARIOS } from './kinds.ts';
import { expectAgreement, RUNS } from './scenario.ts';

describe('action: engine = reference model', () => {
  it('agrees on random histories', () => {
    fc.assert(fc.property(SCENARIOS.action, expectAgreement), { numRuns: RUNS });
  }, 60_000);
});
