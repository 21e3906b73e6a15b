export { compileProgram, persistState, type MachineState, type Program } from './program.ts';
export type { SegState, StepEvent, UserContext } from './types.ts';
