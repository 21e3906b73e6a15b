import { describe, expect, it } from 'vitest';
import { LivesegError } from '../../actors/errors.ts';
import { intOption, logLevel } from './options.ts';

describe('command-line settings', () => {
  it('reads LIVESEG_LOG_LEVEL, info by default, and refuses an unknown level with the choices', () => {
    expect(logLevel(undefined)).toBe('info');
    expect(logLevel('')).toBe('info');
    expect(logLevel('debug')).toBe('debug');
    expect(() => logLevel('verbose')).toThrow(/one of debug, info, warn, error, got "verbose"/);
    expect(() => logLevel('toString')).toThrow(LivesegError);
  });

  it('bounds integer options', () => {
    expect(intOption(undefined, 'port', 8080, 0, 65535)).toBe(8080);
    expect(intOption('9000', 'port', 8080, 0, 65535)).toBe(9000);
    expect(() => intOption('70000', 'port', 8080, 0, 65535)).toThrow(/--port must be an integer from 0 to 65535, got 70000/);
  });
});
