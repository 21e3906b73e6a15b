import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SCENARIOS } from './kinds.ts';
import { expectAgreement, RUNS } from './scenario.ts';

describe('page_visit: engine = reference model', () => {
  it('agrees on random histories', () => {
    fc.assert(fc.property(SCENARIOS.page_visit, expectAgreement), { numRuns: RUNS });
  }, 60_000);
});
