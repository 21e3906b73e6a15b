/** The reference-model harness: the brute-force model of the README semantics and the engine driver. */
export { referenceEntries } from './model.ts';
export { engineEntries, type SimulationOptions } from './simulate.ts';
export { sortEntries, userOf, type Input, type ObservedEntry } from './types.ts';
