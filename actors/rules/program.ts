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

/**
 * Compiles the live segments into a program. Each segment is compiled on its own: one that throws
 * (a stored value the current code cannot run) is left out, reported to `onError`, and changes
 * nothing of the others.
 */
export function compileProgram(segments: readonly Segment[], onError?: (segment: Segment, err: unknown) => void): Program {
  const sorted = [...segments].sort((a, b) => a.id.localeCompare(b.id));
  const live: Segment[] = [];
  const typeOf = new Map<string, string>();
  const segmentsOf = new Map<string, string[]>();
  const trackers = new Map<string, Tracker[]>();
  const filterSegments = new Set<string>();
  const machines = new Map<string, SegmentMachine>();
  for (const seg of sorted) {
    // What the segment adds is collected aside and kept only once all of it compiled.
    const newTypes = new Map<string, string>();
    const listens: string[] = [];
    const listen = (type: string): string => {
      if (!listens.includes(type)) listens.push(type);
      return type;
    };
    const env = {
      typeFor(name: string): string {
        let type = typeOf.get(name) ?? newTypes.get(name);
        if (!type) newTypes.set(name, (type = `E${typeOf.size + newTypes.size}`));
        return listen(type);
      },
      uses: listen,
    };
    let machine: SegmentMachine;
    let tracked: Array<[string, Tracker]>;
    try {
      const t = seg.definition.trigger;
      machine = compileMachine(seg.id, kindOf(t.kind).region(t, seg, env));
      tracked = trackersOf(seg);
    } catch (err) {
      onError?.(seg, err);
      continue;
    }
    live.push(seg);
    machines.set(seg.id, machine);
    for (const [name, type] of newTypes) typeOf.set(name, type);
    for (const type of listens) segmentsOf.set(type, [...(segmentsOf.get(type) ?? []), seg.id]);
    for (const [name, tracker] of tracked) {
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
