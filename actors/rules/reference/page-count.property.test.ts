import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SCENARIOS } from './kinds.ts';
import { expectAgreement, RUNS } from './scenario.ts';

describe('page_count: engine = reference model', () => {
  it("agrees on random histories (each user's page views in non-decreasing ts)", () => {
    fc.assert(fc.property(SCENARIOS.page_count, expectAgreement), { numRuns: RUNS });
  }, 60_000);
});
