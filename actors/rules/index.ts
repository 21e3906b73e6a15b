export { compileProgram, mentions, type MachineState, type Program } from './program.ts';
export type { SegmentMachine, Stepped } from './machine.ts';
export { datetimeInstant, localToInstant } from './instant.ts';
export type { History, SegState, StepEvent, UserContext } from './types.ts';
