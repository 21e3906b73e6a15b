import type { JsMsg } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { userKey } from '../user/index.ts';
import { decodeInput } from './input.ts';

const NOW = 1_764_320_000_000;
/** The fields of a delivered message that decodeInput reads. */
const REPLY = '$JS.ACK.LIVESEG_IN.liveseg-p3.1.7.5.1764320000123456789.0';
const msg = (subject: string, body: string): JsMsg =>
  ({ subject, reply: REPLY, data: new TextEncoder().encode(body), headers: undefined }) as unknown as JsMsg;
const decode = (subject: string, body: unknown, relevant = (_: string) => true) => {
  const why: string[] = [];
  const ctx = { partition: 3, now: NOW, relevant, reject: (_seq: number, w: string) => why.push(w) };
  const input = decodeInput(msg(subject, typeof body === 'string' ? body : JSON.stringify(body)), ctx);
  return { input, why };
};

describe('decodeInput', () => {
  it('validates an event some rule mentions in full', () => {
    const { input, why } = decode('liveseg.in.3.ev', { id: 'e1', userId: 'u1', name: 'Cart', ts: NOW, props: { price: 1 } });
    expect(why).toEqual([]);
    expect(input.kind === 'event' && input.event).toEqual({ id: 'e1', userId: 'u1', name: 'Cart', ts: NOW, props: { price: 1 } });
    expect(input.kind === 'event' && input.key).toBe(userKey(3, 'u1'));
    expect([input.seq, input.arrival]).toEqual([7, 1764320000123]);
    expect(decode('liveseg.in.3.ev', { id: 'e1', userId: 'u1', name: 'Cart', ts: 'soon' }).why[0]).toMatch(/^ts:/);
  });

  it('passes an event no rule mentions without an event body (it changes nobody)', () => {
    const { input, why } = decode('liveseg.in.3.ev', { id: 'e1', userId: 'u1', name: 'Scrolled', ts: 'not checked' }, () => false);
    expect(why).toEqual([]);
    expect(input).toMatchObject({ kind: 'ignored', userId: 'u1' });
  });

  it('rejects what has no user id or name, or is not JSON, whatever rules exist', () => {
    for (const body of ['{not json', { name: 'Scrolled' }, { userId: 'u1' }, { userId: 5, name: 'Scrolled' }, [1]]) {
      const { input, why } = decode('liveseg.in.3.ev', body, () => false);
      expect(input.kind).toBe('invalid');
      expect(why).toHaveLength(1);
    }
  });

  it('validates profile updates', () => {
    expect(decode('liveseg.in.3.pr', { userId: 'u1', props: { city: 'Pune' } }).input).toMatchObject({ kind: 'profile', userId: 'u1' });
    expect(decode('liveseg.in.3.pr', { props: {} }).why).toHaveLength(1);
  });
});
