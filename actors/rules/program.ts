import { createActor, setup, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { Segment, TriggerKind } from '../types.ts';
import { actionRegion } from './action.ts';
import { datetimeRegion } from './datetime.ts';
import { trackersOf, type Tracker } from './history.ts';
import { inactionRegion } from './inaction.ts';
import { pageCountRegion } from './page-count.ts';
import { pageVisitRegion, referrerRegion } from './page.ts';
import type { RegionBuilder, RegionConfig, SegState, StepEvent, UserContext } from './types.ts';

const BUILDERS: Record<TriggerKind, RegionBuilder> = {
  action: actionRegion,
  inaction: inactionRegion,
  datetime: datetimeRegion,
  page_visit: pageVisitRegion,
  referrer: referrerRegion,
  page_count: pageCountRegion,
};

/** Persisted form of a user's machine state: the region values and the per-segment context. */
export interface MachineState {
  value: Record<string, string>;
  s: Record<string, SegState>;
}

/**
 * One compiled segment set: a parallel XState machine with one region per live segment, plus the
 * index from input event names to the rules that care about them.
 */
export interface Program {
  /** Changes whenever the segment set changes. */
  version: string;
  segments: readonly Segment[];
  byId: ReadonlyMap<string, Segment>;
  machine: AnyStateMachine;
  /** Input event name -> internal machine event type; names no rule mentions are absent. */
  typeOf: ReadonlyMap<string, string>;
  /** Internal event type (including TIMER_DUE and PROFILE) -> ids of segments that react to it. */
  segmentsOf: ReadonlyMap<string, readonly string[]>;
  /** Input event name -> the past-behaviour filters that count it. */
  trackers: ReadonlyMap<string, readonly Tracker[]>;
  /** Ids of segments whose filters use past behaviour (their history keys start with `<id>#`). */
  filterSegments: ReadonlySet<string>;
  /** Restores a persisted state into a snapshot of this program, migrating across versions. */
  restore(state: MachineState | undefined): AnyMachineSnapshot;
  /** Runs one step of the machine. */
  step(snapshot: AnyMachineSnapshot, event: StepEvent): AnyMachineSnapshot;
}

/** Compiles the live segments into a program. */
export function compileProgram(segments: readonly Segment[]): Program {
  const live = [...segments].sort((a, b) => a.id.localeCompare(b.id));
  const typeOf = new Map<string, string>();
  const segmentsOf = new Map<string, string[]>();
  const trackers = new Map<string, Tracker[]>();
  const filterSegments = new Set<string>();
  const regions: Record<string, RegionConfig> = {};
  for (const seg of live) {
    const listen = (type: string): string => {
      const list = segmentsOf.get(type) ?? [];
      if (!list.includes(seg.id)) list.push(seg.id);
      segmentsOf.set(type, list);
      return type;
    };
    const env = {
      typeFor(name: string): string {
        let type = typeOf.get(name);
        if (!type) typeOf.set(name, (type = `E${typeOf.size}`));
        return listen(type);
      },
      uses: listen,
    };
    regions[seg.id] = BUILDERS[seg.definition.trigger.kind](seg, env);
    for (const [name, tracker] of trackersOf(seg)) {
      trackers.set(name, [...(trackers.get(name) ?? []), tracker]);
      filterSegments.add(seg.id);
    }
  }

  // The computed config is typed loosely; region builders are checked by their own types.
  const machine = setup({
    types: { context: {} as UserContext, events: {} as StepEvent },
  }).createMachine({
    id: 'user',
    type: 'parallel',
    context: { s: {} },
    states: regions as Record<string, object>,
  }) as unknown as AnyStateMachine;
  // One reused scope: machine.transition with a shared scope is ~4x cheaper than transition().
  const self = createActor(machine);
  const scope = {
    self, id: '', sessionId: '', system: self.system,
    logger: () => {}, defer: () => {}, emit: () => {}, stopChild: () => {}, actionExecutor: () => {},
  } as unknown as AnyActorScope;
  const initial = machine.getInitialSnapshot(scope);

  const byId = new Map(live.map((s) => [s.id, s]));
  return {
    version: live.map((s) => s.id).join(','),
    segments: live,
    byId,
    machine,
    typeOf,
    segmentsOf,
    trackers,
    filterSegments,
    restore(state) {
      if (!state) return initial;
      const value: Record<string, string> = {};
      const s: Record<string, SegState> = {};
      for (const seg of live) {
        const v = state.value[seg.id];
        const region = regions[seg.id];
        value[seg.id] = v && v in region.states ? v : region.initial;
        if (state.s[seg.id]) s[seg.id] = state.s[seg.id];
      }
      return machine.resolveState({ value, context: { s } });
    },
    step(snapshot, event) {
      return machine.transition(snapshot, event, scope);
    },
  };
}

/** The earliest pending deadline of a snapshot's segments, if any. */
export function nextDeadline(snapshot: AnyMachineSnapshot): number | undefined {
  let min: number | undefined;
  for (const st of Object.values((snapshot.context as UserContext).s)) {
    if (st.d !== undefined && (min === undefined || st.d < min)) min = st.d;
  }
  return min;
}

/** The persisted form of a snapshot. */
export function persistState(snapshot: AnyMachineSnapshot): MachineState {
  return { value: snapshot.value as Record<string, string>, s: (snapshot.context as UserContext).s };
}
