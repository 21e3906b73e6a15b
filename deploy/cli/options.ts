import process from 'node:process';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LivesegError } from '../../actors/errors.ts';
import { parseDuration } from '../../actors/definition/duration.ts';
import { LEVELS, type Level } from '../../actors/logger.ts';

/** Parses command-line options strictly: unknown options are an error with usage. */
export function options<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], spec: T) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new LivesegError('bad_arguments', (err as Error).message);
  }
}

/** An integer option within bounds. */
export function intOption(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new LivesegError('bad_arguments', `--${name} must be an integer from ${min} to ${max}, got ${raw}`);
  }
  return n;
}

/**
 * A retention option (`--input-retention 30d`): a duration of docs/formats.md, or `forever` (or
 * `0`); milliseconds, 0 meaning forever; undefined when not given.
 */
export function retentionOption(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'forever' || raw === '0') return 0;
  const ms = parseDuration(raw);
  if (ms === undefined || ms <= 0) {
    throw new LivesegError('bad_arguments', `--${name} must be a duration like 90m, 36h or 30d, or forever; got ${raw}`);
  }
  return ms;
}

/** Runs `stop` once on SIGINT or SIGTERM, then exits. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 20_000);
    stop().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      (err) => {
        process.stderr.write(`error while stopping: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** LIVESEG_LOG_LEVEL (default info): debug, info, warn or error. */
export function logLevel(raw: string | undefined = process.env.LIVESEG_LOG_LEVEL): Level {
  if (raw === undefined || raw === '') return 'info';
  if (Object.hasOwn(LEVELS, raw)) return raw as Level;
  throw new LivesegError('bad_config', `LIVESEG_LOG_LEVEL must be one of ${Object.keys(LEVELS).join(', ')}, got ${JSON.stringify(raw)}`);
}
