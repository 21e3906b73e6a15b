import { describe, expect, it } from 'vitest';
import { REQUEST_ERROR_CODES } from '../actors/errors.ts';
import { HTTP_STATUS } from './errors.ts';

describe('HTTP statuses', () => {
  it('has exactly one status per request error code', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...REQUEST_ERROR_CODES].sort());
  });

  it('answers retryable codes with statuses a client retries', () => {
    expect(HTTP_STATUS.unavailable).toBe(503);
    expect(HTTP_STATUS.rate_limited).toBe(429);
    expect(HTTP_STATUS.invalid_definition).toBe(400);
  });
});
