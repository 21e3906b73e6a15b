import { describe, expect, it } from 'vitest';
import { compileProgram } from '../rules/program.ts';
import type { LiveEvent, Segment, SegmentDefinition } from '../types.ts';
import { newUserRecord, UserActor } from './actor.ts';

const seg = (id: string, definition: SegmentDefinition): Segment => ({
  id,
  name: definition.name,
  kind: definition.trigger.kind,
  createdAt: 0,
  definition,
});
const cart = seg('cart', {
  name: 'Big carts',
  trigger: { kind: 'action', event: 'Added To Cart', where: [{ prop: 'price', op: 'gte', value: 100 }] },
});
const launches = seg('launch', { name: 'Launches', trigger: { kind: 'action', event: 'App Launched' }, reentry: 'every', cooldown: '1m' });
const pune = seg('pune', {
  name: 'Pune launches',
  trigger: { kind: 'action', event: 'App Launched' },
  filters: { profile: [{ prop: 'city', op: 'eq', value: 'Pune' }] },
});
let n = 0;
const ev = (name: string, props: Record<string, unknown> = {}): LiveEvent => ({ id: `e${++n}`, userId: 'u1', name, ts: 0, props });

describe('the user actor with action segments', () => {
  it('enters once when a matching event arrives, with cause and reach', () => {
    const program = compileProgram([cart]);
    const actor = new UserActor(newUserRecord('u1'), program);
    expect(actor.applyEvent(ev('Added To Cart', { price: 50 }), 1000, program)).toEqual([]);
    const [first] = actor.applyEvent(ev('Added To Cart', { price: 150 }), 2000, program);
    expect(first).toMatchObject({ n: 1, entry: { segmentId: 'cart', userId: 'u1', at: 2000, cause: { kind: 'action' } } });
    expect(first.entry.reach).toEqual({ email: false, sms: false, whatsapp: false, push: false, web_push: false });
    expect(actor.applyEvent(ev('Added To Cart', { price: 150 }), 3000, program)).toEqual([]);
  });

  it('never runs the machine for events no rule mentions', () => {
    const program = compileProgram([cart]);
    expect(program.typeOf.has('Page Viewed')).toBe(false);
    const actor = new UserActor(newUserRecord('u1'), program);
    expect(actor.applyEvent(ev('Page Viewed'), 1, program)).toEqual([]);
  });

  it('re-enters with reentry every, respecting the cooldown', () => {
    const program = compileProgram([launches]);
    const actor = new UserActor(newUserRecord('u1'), program);
    const at = (t: number) => actor.applyEvent(ev('App Launched'), t, program).map((e) => e.n);
    expect(at(0)).toEqual([1]);
    expect(at(30_000)).toEqual([]);
    expect(at(60_000)).toEqual([2]);
    expect(at(200_000)).toEqual([3]);
  });

  it('checks profile filters with the profile as of the event', () => {
    const program = compileProgram([pune]);
    const actor = new UserActor(newUserRecord('u1'), program);
    expect(actor.applyEvent(ev('App Launched'), 1, program)).toEqual([]);
    actor.applyProfile({ userId: 'u1', props: { city: 'Pune', email: 'a@b.co' } }, 1, program);
    const entries = actor.applyEvent(ev('App Launched'), 2, program);
    expect(entries.map((e) => e.entry.reach.email)).toEqual([true]);
  });

  it('survives persistence and a change of the segment set (snapshot migration)', () => {
    const v1 = compileProgram([cart, launches]);
    const actor = new UserActor(newUserRecord('u1'), v1);
    actor.applyEvent(ev('Added To Cart', { price: 500 }), 1, v1);
    const stored = JSON.parse(JSON.stringify(actor.toRecord()));

    // cart stays, launches removed, pune added: the stored state must still restore.
    const v2 = compileProgram([cart, pune]);
    const restored = new UserActor(stored, v2);
    expect(restored.applyEvent(ev('Added To Cart', { price: 500 }), 2, v2)).toEqual([]);
    restored.applyProfile({ userId: 'u1', props: { city: 'Pune' } }, 2, v2);
    expect(restored.applyEvent(ev('App Launched'), 3, v2).map((e) => e.entry.segmentId)).toEqual(['pune']);
    expect(Object.keys(restored.toRecord().state!.s).sort()).toEqual(['cart', 'pune']);

    // a hot actor switches programs in place
    const v3 = compileProgram([launches]);
    expect(restored.applyEvent(ev('App Launched'), 4, v3).map((e) => e.entry.segmentId)).toEqual(['launch']);
  });
});
