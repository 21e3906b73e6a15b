import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SCENARIOS } from './kinds.ts';
import { expectAgreement, RUNS } from './scenario.ts';

describe('datetime: engine = reference model', () => {
  it('agrees on random histories across DST changes, also for segments created after profiles exist', () => {
    fc.assert(fc.property(SCENARIOS.datetime, expectAgreement), { numRuns: RUNS });
  }, 60_000);
});
