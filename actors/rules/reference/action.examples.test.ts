import { describe, it } from 'vitest';
import type { SegmentDefinition } from '../../types.ts';
import { entry, ev, expectEntries, T } from './fixtures.ts';

const bigCart: SegmentDefinition = {
  name: 'Big carts',
  trigger: { kind: 'action', event: 'Added To Cart', where: [{ prop: 'price', op: 'gte', value: 100 }] },
};
const cart = (price: number, ts: number, id: string, arrival = ts) => ev('Added To Cart', ts, { id, arrival, props: { price } });

describe('action: qualification, filters and re-entry', () => {
  it('qualifies at the arrival of a matching event, once by default', () => {
    expectEntries(bigCart, [cart(99, T, 'a'), cart(100, T + 5, 'b', T + 9), cart(200, T + 10, 'c')], [entry(T + 9, 'b')]);
  });

  it('past filters count the triggering event, in (ts − inLast, ts]', () => {
    const twice: SegmentDefinition = {
      ...bigCart,
      filters: { past: [{ did: 'Added To Cart', count: { op: 'gte', value: 2 }, inLast: '1m' }] },
    };
    expectEntries(twice, [cart(50, T, 'a'), cart(150, T + 59_999, 'b')], [entry(T + 59_999, 'b')]);
    expectEntries(twice, [cart(50, T, 'a'), cart(150, T + 60_000, 'b')], []);
  });

  it('past filters look back from the event ts, not from its arrival', () => {
    const launched: SegmentDefinition = { ...bigCart, filters: { past: [{ did: 'App Launched', inLast: '1m' }] } };
    const launch = ev('App Launched', T, { arrival: T });
    expectEntries(launched, [launch, cart(150, T + 30_000, 'late', T + 3_600_000)], [entry(T + 3_600_000, 'late')]);
  });

  it('didNot holds when no matching event is in the window', () => {
    const notCharged: SegmentDefinition = { ...bigCart, filters: { past: [{ didNot: 'Charged', inLast: '10m' }] } };
    const charged = (ts: number) => ev('Charged', ts, { arrival: T });
    expectEntries(notCharged, [charged(T - 600_000), cart(150, T, 'a')], [entry(T, 'a')]);
    expectEntries(notCharged, [charged(T - 599_999), cart(150, T, 'a')], []);
  });

  it('counting starts at the segment creation: events processed before it are not replayed', () => {
    const launched: SegmentDefinition = { ...bigCart, filters: { past: [{ did: 'App Launched', inLast: '1h' }] } };
    const before = ev('App Launched', T, { arrival: T });
    const after = ev('App Launched', T - 1_000, { arrival: T + 2 });
    expectEntries(launched, [before, cart(150, T + 1, 'a')], [], T + 1);
    expectEntries(launched, [before, after, cart(150, T + 3, 'a')], [entry(T + 3, 'a')], T + 1);
  });

  it('re-entry every: a cooldown of exactly the time since the last entry has passed', () => {
    const every: SegmentDefinition = { ...bigCart, reentry: 'every', cooldown: '1m' };
    expectEntries(
      every,
      [cart(150, T, 'a'), cart(150, T + 59_999, 'b'), cart(150, T + 60_000, 'c')],
      [entry(T, 'a'), entry(T + 60_000, 'c', 2)],
    );
  });
});
