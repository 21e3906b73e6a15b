export { compileProgram, type MachineState, type Program, type SegmentMachine } from './program.ts';
export { datetimeInstant, localToInstant } from './instant.ts';
export type { History, SegState, StepEvent, UserContext } from './types.ts';
