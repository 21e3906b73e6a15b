import { describe, expect, it } from 'vitest';
import { LivesegError } from '../errors.ts';
import { carry, deadLetterId, deadLetterSubject, reasonOf, type DeadLetter } from './dead-letters.ts';

const encoder = new TextEncoder();

describe('dead letters', () => {
  it('carry bytes as text when valid UTF-8, else as base64', () => {
    expect(carry('payload', encoder.encode('{"a":"é"}'))).toEqual({ payload: '{"a":"é"}' });
    expect(carry('payload', new Uint8Array([0xff, 0x00, 0x41]))).toEqual({ payloadBase64: '/wBB' });
  });

  it('go to a subject per kind and partition (per segment id for segments)', () => {
    const input: DeadLetter = { kind: 'input', reason: 'x: y', partition: 3, seq: 42, subject: 'liveseg.in.3.ev', payload: '{}' };
    const record: DeadLetter = { kind: 'record', reason: 'x: y', partition: 3, key: '3.dTE', stored: '{' };
    const segment: DeadLetter = { kind: 'segment', reason: 'x: y', id: 'sg_a', revision: 7, value: 'nope' };
    expect([input, record, segment].map(deadLetterSubject)).toEqual([
      'liveseg.dlq.input.3',
      'liveseg.dlq.record.3',
      'liveseg.dlq.segment.sg_a',
    ]);
    expect([input, segment].map(deadLetterId)).toEqual(['input:3:42', 'segment:sg_a:7']);
    // The same corrupt value gives the same id; another value another.
    expect(deadLetterId(record)).toBe(deadLetterId({ ...record, reason: 'other' }));
    expect(deadLetterId(record)).not.toBe(deadLetterId({ ...record, stored: '[' }));
  });

  it("give a liveseg error's own code as the reason, otherwise the fallback", () => {
    expect(reasonOf(new LivesegError('payload_too_large', 'too big'), 'input_failed')).toBe('payload_too_large: too big');
    expect(reasonOf(new TypeError('x is null'), 'input_failed')).toBe('input_failed: TypeError: x is null');
  });
});
