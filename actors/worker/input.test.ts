import type { JsMsg } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { decodeInput, DeliveryGaps, deliveryOf } from './input.ts';

const NOW = 1_764_320_000_000;
/** The fields of a delivered message that decodeInput reads. */
const REPLY = '$JS.ACK.LIVESEG_IN.liveseg-p3.1.7.5.1764320000123456789.0';
const msg = (subject: string, body: string): JsMsg => ({ subject, reply: REPLY, data: new TextEncoder().encode(body), headers: undefined } as unknown as JsMsg);
const decode = (subject: string, body: unknown, relevant = (_: string) => true) => {
  const why: string[] = [];
  const input = decodeInput(msg(subject, typeof body === 'string' ? body : JSON.stringify(body)), NOW, relevant, (w) => why.push(w));
  return { input, why };
};

describe('decodeInput', () => {
  it('validates an event some rule mentions in full', () => {
    const { input, why } = decode('liveseg.in.3.ev', { id: 'e1', userId: 'u1', name: 'Cart', ts: NOW, props: { price: 1 } });
    expect(why).toEqual([]);
    expect(input.event).toEqual({ id: 'e1', userId: 'u1', name: 'Cart', ts: NOW, props: { price: 1 } });
    expect([input.seq, input.arrival]).toEqual([7, 1764320000123]);
    expect(decode('liveseg.in.3.ev', { id: 'e1', userId: 'u1', name: 'Cart', ts: 'soon' }).why[0]).toMatch(/^ts:/);
  });

  it('passes an event no rule mentions without an event body (it changes nobody)', () => {
    const { input, why } = decode('liveseg.in.3.ev', { id: 'e1', userId: 'u1', name: 'Scrolled', ts: 'not checked' }, () => false);
    expect(why).toEqual([]);
    expect(input.userId).toBe('u1');
    expect(input.event).toBeUndefined();
  });

  it('rejects what has no user id or name, or is not JSON, whatever rules exist', () => {
    for (const body of ['{not json', { name: 'Scrolled' }, { userId: 'u1' }, { userId: 5, name: 'Scrolled' }, [1]]) {
      const { input, why } = decode('liveseg.in.3.ev', body, () => false);
      expect(input.userId).toBeUndefined();
      expect(why).toHaveLength(1);
    }
  });

  it('validates profile updates', () => {
    expect(decode('liveseg.in.3.pr', { userId: 'u1', props: { city: 'Pune' } }).input.profile?.userId).toBe('u1');
    expect(decode('liveseg.in.3.pr', { props: {} }).why).toHaveLength(1);
  });
});

describe('deliveryOf', () => {
  it('reads the stream sequence and stored time of both reply formats', () => {
    expect(deliveryOf('$JS.ACK.LIVESEG_IN.p3.2.41.40.1764320000999000000.12')).toEqual({ seq: 41, dseq: 40, at: 1764320000999 });
    expect(deliveryOf('$JS.ACK._.ACCHASH.LIVESEG_IN.p3.1.9007199254740.3.1764320000001999999.0')).toEqual({ seq: 9007199254740, dseq: 3, at: 1764320000001 });
    expect(deliveryOf('$JS.ACK.hub.ACCHASH.LIVESEG_IN.p3.1.5.3.1764320000001000000.0.xyz')).toEqual({ seq: 5, dseq: 3, at: 1764320000001 });
  });

  it('is undefined for anything else', () => {
    for (const reply of ['', '_INBOX.abc', '$JS.ACK.S.C.1.2.3', '$JS.ACK.S.C.1.x.3.4.0', '$JS.ACK.S.C.1..3.4.0', '$JS.ACK.a.b.c.d.e.f.g.h.i.j.k.l.m.n']) {
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
