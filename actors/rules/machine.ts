/**
 * The one module that touches XState: it turns a segment's plain region (rules/types.ts) into a
 * machine and steps it, with shortcuts that skip XState where the answer is known without it.
 */
import { assign, createActor, setup, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { Args, Region, SegState, StepEvent, Transition, Update, UserContext } from './types.ts';

/** The result of one step of a segment: its new state name and context. */
export interface Stepped {
  value: string;
  st: SegState | undefined;
}

/** One segment's compiled machine. */
export interface SegmentMachine {
  id: string;
  initialState: string;
  /**
   * Steps the segment; undefined when no transition is enabled (guards are pure, so the machine
   * is not run at all then). `guardArgs` may carry a wider context than this segment's.
   */
  apply(value: string, st: SegState | undefined, event: StepEvent, guardArgs: Args): Stepped | undefined;
  /** Steps the segment through XState itself, without shortcuts: what `apply` must agree with (program.test.ts). */
  exact(value: string, st: SegState | undefined, event: StepEvent): Stepped;
}

type Compiled = Transition & { updates: Update[]; fast: boolean };

const updatesOf = (t: Transition): Update[] => (t.update === undefined ? [] : Array.isArray(t.update) ? t.update : [t.update]);

/** The XState transition config of a plain transition: each update becomes an `assign`. */
function toXState(t: Transition): Record<string, unknown> {
  const config: Record<string, unknown> = { actions: updatesOf(t).map((u) => assign(u)) };
  if (t.guard !== undefined) config.guard = t.guard;
  if (t.target !== undefined) config.target = t.target;
  if (t.reenter !== undefined) config.reenter = t.reenter;
  return config;
}

/**
 * Compiles one segment's region. Why one machine per segment, not one parallel machine with a
 * region per segment: measured on xstate 5.33, a transition of a 50-region machine costs ~155 µs
 * (XState recomputes the whole configuration per microstep), against ~10 µs for a one-region
 * machine. The persisted state is the same either way.
 */
export function compileMachine(id: string, region: Region): SegmentMachine {
  const states: Record<string, { on: Record<string, Array<Record<string, unknown>>> }> = {};
  const transitions = new Map<string, Map<string, Compiled[]>>();
  for (const [name, node] of Object.entries(region.states)) {
    const on: Record<string, Array<Record<string, unknown>>> = {};
    const byType = new Map<string, Compiled[]>();
    for (const [type, t] of Object.entries(node.on ?? {})) {
      const list = Array.isArray(t) ? t : [t];
      on[type] = list.map(toXState);
      // A transition with no target changes nothing but context: its updates, applied in order,
      // are what XState would compute, minus ~10 µs of snapshot bookkeeping (program.test.ts
      // checks both agree).
      byType.set(
        type,
        list.map((x) => ({ ...x, updates: updatesOf(x), fast: x.target === undefined })),
      );
    }
    states[name] = { on };
    transitions.set(name, byType);
  }
  const machine = setup({ types: { context: {} as UserContext, events: {} as StepEvent } }).createMachine({
    id,
    initial: region.initial,
    context: { s: {} },
    states: states as Record<string, object>,
  }) as unknown as AnyStateMachine;
  // One reused scope: machine.transition with a shared scope is ~4x cheaper than transition().
  const self = createActor(machine);
  const scope = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    actionExecutor: () => {},
  } as unknown as AnyActorScope;
  const initial = machine.getInitialSnapshot(scope);
  const resolve = (value: string | undefined, st: SegState | undefined): AnyMachineSnapshot => {
    if (!st && (value === undefined || value === region.initial)) return initial;
    const v = value !== undefined && value in region.states ? value : region.initial;
    return machine.resolveState({ value: v, context: { s: st ? { [id]: st } : {} } });
  };
  const exact = (value: string, st: SegState | undefined, event: StepEvent): Stepped => {
    const next = machine.transition(resolve(value, st), event, scope);
    return { value: next.value as string, st: (next.context as UserContext).s[id] };
  };
  return {
    id,
    initialState: region.initial,
    exact,
    apply(value, st, event, guardArgs) {
      const ts = transitions.get(value)?.get(event.type);
      // XState takes the first transition whose guard passes; so does this pre-check.
      const t = ts?.find((x) => !x.guard || x.guard(guardArgs));
      if (!t) return undefined;
      if (t.fast) {
        let context: UserContext = { s: st ? { [id]: st } : {} };
        for (const u of t.updates) context = { ...context, ...u({ context, event }) };
        return { value, st: context.s[id] };
      }
      return exact(value, st, event);
    },
  };
}
