import { describe, expect, it } from 'vitest';
import { DeliveryGaps, deliveryOf } from './delivery.ts';

describe('deliveryOf', () => {
  it('reads the stream sequence and stored time of both reply formats', () => {
    expect(deliveryOf('$JS.ACK.LIVESEG_IN.p3.2.41.40.1764320000999000000.12')).toEqual({ seq: 41, dseq: 40, at: 1764320000999 });
    expect(deliveryOf('$JS.ACK._.ACCHASH.LIVESEG_IN.p3.1.9007199254740.3.1764320000001999999.0')).toEqual({
      seq: 9007199254740,
      dseq: 3,
      at: 1764320000001,
    });
    expect(deliveryOf('$JS.ACK.hub.ACCHASH.LIVESEG_IN.p3.1.5.3.1764320000001000000.0.xyz')).toEqual({ seq: 5, dseq: 3, at: 1764320000001 });
  });

  it('is undefined for anything else', () => {
    for (const reply of [
      '',
      '_INBOX.abc',
      '$JS.ACK.S.C.1.2.3',
      '$JS.ACK.S.C.1.x.3.4.0',
      '$JS.ACK.S.C.1..3.4.0',
      '$JS.ACK.a.b.c.d.e.f.g.h.i.j.k.l.m.n',
    ]) {
      expect(deliveryOf(reply)).toBeUndefined();
    }
  });
});

describe('DeliveryGaps', () => {
  it('accepts deliveries in order and redeliveries, and refuses a jump', () => {
    const gaps = new DeliveryGaps();
    expect([1, 2, 3, 2, 3, 4].map((d) => gaps.accept(d))).toEqual([true, true, true, true, true, true]);
    expect(gaps.expected).toBe(5);
    expect(gaps.accept(7)).toBe(false);
    expect(gaps.expected).toBe(5);
  });

  it('refuses a first delivery that is not the first', () => {
    expect(new DeliveryGaps().accept(2)).toBe(false);
  });
});
