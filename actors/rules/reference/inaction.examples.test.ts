import { describe, it } from 'vitest';
import type { SegmentDefinition } from '../../types.ts';
import { entry, ev, expectEntries, N, profile, T } from './fixtures.ts';

const cart: SegmentDefinition = {
  name: 'Cart without charge',
  trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '10m' },
};
const A = (ts: number, arrival = ts) => ev('Added To Cart', ts, { arrival, id: `A${ts - T}` });
const B = (ts: number, arrival = ts) => ev('Charged', ts, { arrival });

describe('inaction: the window [A.ts, A.ts + within) and when it fires', () => {
  it('a without at exactly A.ts + within is too late: the window fires', () => {
    expectEntries(cart, [A(T), B(T + N, T + 1_000)], [entry(T + N, 'A0')]);
  });

  it('a without at exactly A.ts cancels', () => {
    expectEntries(cart, [A(T), B(T, T + 1_000)], []);
  });

  it('a without at A.ts + within − 1 ms cancels', () => {
    expectEntries(cart, [A(T), B(T + N - 1, T + 1_000)], []);
  });

  it('a without stamped before A.ts does not cancel, even when it arrives after A', () => {
    expectEntries(cart, [A(T), B(T - 1, T + 1_000)], [entry(T + N, 'A0')]);
  });

  it('a without that arrived before A but is stamped inside its window cancels', () => {
    expectEntries(cart, [B(T + 5_000, T), A(T + 1_000)], []);
  });

  it('a without arriving after the window fired is late: the entry stands', () => {
    expectEntries(cart, [A(T), B(T + 1_000, T + N + 60_000)], [entry(T + N, 'A0')]);
  });

  it('a without arriving exactly at the deadline is too late: the window fires first', () => {
    expectEntries(cart, [A(T), B(T + 1_000, T + N)], [entry(T + N, 'A0')]);
  });

  it('an A whose window already closed when it arrives fires at once, at its arrival', () => {
    expectEntries(cart, [A(T, T + N + 5_000)], [entry(T + N + 5_000, 'A0')]);
  });

  it('further A events while pending do not restart the window', () => {
    expectEntries(cart, [A(T), A(T + 300_000)], [entry(T + N, 'A0')]);
  });

  it('after a cancel the next A arms a new window', () => {
    expectEntries(cart, [A(T), B(T + 60_000), A(T + 120_000)], [entry(T + 120_000 + N, 'A120000')]);
  });

  it('checks filters at the deadline: a profile change arriving exactly then comes too late', () => {
    const pune: SegmentDefinition = { ...cart, filters: { profile: [{ prop: 'city', op: 'eq', value: 'Pune' }] } };
    const moves = (at: number) => [profile(T - 1, { props: { city: 'Pune' } }), A(T), profile(at, { props: { city: 'Berlin' } })];
    expectEntries(pune, moves(T + N), [entry(T + N, 'A0')]);
    expectEntries(pune, moves(T + N - 1), []);
  });

  it('counts past filters at the deadline, in (deadline − inLast, deadline]', () => {
    const launched: SegmentDefinition = { ...cart, filters: { past: [{ did: 'App Launched', inLast: '1m' }] } };
    const launch = (ts: number) => ev('App Launched', ts, { arrival: T + 1 });
    expectEntries(launched, [A(T), launch(T + N)], [entry(T + N, 'A0')]);
    expectEntries(launched, [A(T), launch(T + N - 60_000)], []);
  });

  it('re-entry every with a cooldown measured between entry times', () => {
    const every: SegmentDefinition = { ...cart, reentry: 'every', cooldown: '15m' };
    // Fires at T+N and T+11m+N (1 minute later: cooldown not passed), then at T+30m+N.
    expectEntries(every, [A(T), A(T + N + 60_000), A(T + 1_800_000)], [entry(T + N, 'A0'), entry(T + 1_800_000 + N, 'A1800000', 2)]);
  });
});
