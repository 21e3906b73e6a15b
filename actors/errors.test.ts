import { errors as natsErrors } from '@nats-io/nats-core';
import { JetStreamApiError } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { hasCode, isRetryable, LivesegError, PartitionMismatchError, UnavailableError, ValidationError } from './errors.ts';

describe('error taxonomy', () => {
  it('retries what may work later: NATS unavailable, timeouts, any NATS client failure', () => {
    expect(isRetryable(new UnavailableError('down'))).toBe(true);
    expect(isRetryable(new natsErrors.TimeoutError())).toBe(true);
    expect(isRetryable(new natsErrors.ConnectionError('closed'))).toBe(true);
    expect(isRetryable(new natsErrors.NoRespondersError('$JS.API.x'))).toBe(true);
    expect(isRetryable(new JetStreamApiError({ code: 503, err_code: 10008, description: 'unavailable' }))).toBe(true);
  });

  it('treats what fails the same way every time as terminal', () => {
    let notJson: unknown;
    try {
      JSON.parse('{"userId":');
    } catch (err) {
      notJson = err;
    }
    expect(isRetryable(notJson)).toBe(false);
    expect(isRetryable(new TypeError('x is undefined'))).toBe(false);
    expect(isRetryable(new ValidationError([{ path: 'name', message: 'is required' }]))).toBe(false);
    expect(isRetryable(new PartitionMismatchError(16, 8))).toBe(false);
    expect(isRetryable('a string')).toBe(false);
  });

  it('keeps a stable code, a name and the cause', () => {
    const cause = new Error('socket');
    const err = new UnavailableError('NATS is not reachable', { cause });
    expect(err).toBeInstanceOf(LivesegError);
    expect(err).toMatchObject({ code: 'unavailable', name: 'UnavailableError', cause });
    expect(hasCode(err, 'unavailable')).toBe(true);
    expect(hasCode(new Error('x'), 'unavailable')).toBe(false);
    expect(new PartitionMismatchError(16, 8).message).toContain('--partitions 16');
  });
});
