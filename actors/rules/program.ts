import { kindOf } from '../kinds/index.ts';
import type { Segment } from '../types.ts';
import { trackersOf, type Tracker } from './history.ts';
import { compileMachine, type SegmentMachine } from './machine.ts';
import type { SegState } from './types.ts';

export type { SegmentMachine, Stepped } from './machine.ts';

/** Persisted form of a user's machine state: each segment's state name and its context. */
export interface MachineState {
  value: Record<string, string>;
  s: Record<string, SegState>;
}

/**
 * One compiled segment set. Every segment's rules are a machine of their own (its region, built by
 * its kind; see rules/machine.ts for why not one machine for all); an index maps input event names
 * to the segments that care, so an event no rule mentions never runs a machine, and a machine whose
 * guards all fail is not stepped at all.
 */
export interface Program {
  segments: readonly Segment[];
  byId: ReadonlyMap<string, Segment>;
  machines: ReadonlyMap<string, SegmentMachine>;
  /** Input event name -> internal machine event type; names no rule mentions are absent. */
  typeOf: ReadonlyMap<string, string>;
  /** Internal event type (including TIMER_DUE and PROFILE) -> ids of segments that react to it. */
  segmentsOf: ReadonlyMap<string, readonly string[]>;
  /** Input event name -> the past-behaviour filters that count it. */
  trackers: ReadonlyMap<string, readonly Tracker[]>;
  /** Ids of segments whose filters use past behaviour (their history keys start with `<id>#`). */
  filterSegments: ReadonlySet<string>;
}

/** Whether an event of this name can change a user: a rule or a past-behaviour filter mentions it. */
export const mentions = (program: Program, name: string): boolean => program.typeOf.has(name) || program.trackers.has(name);

/** Compiles the live segments into a program. */
export function compileProgram(segments: readonly Segment[]): Program {
  const live = [...segments].sort((a, b) => a.id.localeCompare(b.id));
  const typeOf = new Map<string, string>();
  const segmentsOf = new Map<string, string[]>();
  const trackers = new Map<string, Tracker[]>();
  const filterSegments = new Set<string>();
  const machines = new Map<string, SegmentMachine>();
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
    const t = seg.definition.trigger;
    machines.set(seg.id, compileMachine(seg.id, kindOf(t.kind).region(t, seg, env)));
    for (const [name, tracker] of trackersOf(seg)) {
      trackers.set(name, [...(trackers.get(name) ?? []), tracker]);
      filterSegments.add(seg.id);
    }
  }
  return {
    segments: live,
    byId: new Map(live.map((s) => [s.id, s])),
    machines,
    typeOf,
    segmentsOf,
    trackers,
    filterSegments,
  };
}
