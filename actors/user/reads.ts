import type { MachineState } from '../rules/program.ts';

/** A segment a user has entered: how often, when last, and the event that caused the last entry. */
export interface EnteredSegment {
  segmentId: string;
  entries: number;
  lastEntryAt?: number;
  cause?: string;
}

/** A pending window (inaction) or instant (datetime) of one segment. */
export interface PendingWindow {
  segmentId: string;
  deadline: number;
  cause?: string;
}

/** The segments entered in a stored machine state, in the order the state holds them. */
export function enteredSegments(state: MachineState['s'] | undefined): EnteredSegment[] {
  const out: EnteredSegment[] = [];
  for (const segmentId in state) {
    const st = state[segmentId];
    if (st.n > 0) out.push({ segmentId, entries: st.n, lastEntryAt: st.at, cause: st.ev });
  }
  return out;
}

/** The pending deadlines in a stored machine state, in the order the state holds them. */
export function pendingWindows(state: MachineState['s'] | undefined): PendingWindow[] {
  const out: PendingWindow[] = [];
  for (const segmentId in state) {
    const st = state[segmentId];
    if (st.d !== undefined) out.push({ segmentId, deadline: st.d, cause: st.c });
  }
  return out;
}
