import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheDir, cachedNatsServer, compareVersions } from './newest.ts';

describe('the nats-server cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liveseg-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (version: string) => {
    mkdirSync(join(dir, 'nats-server', version), { recursive: true });
    writeFileSync(join(dir, 'nats-server', version, 'nats-server'), '#!/bin/sh\n');
    chmodSync(join(dir, 'nats-server', version, 'nats-server'), 0o755);
  };

  it('orders versions numerically', () => {
    expect(['2.10.0', '2.9.10', '2.15.1', '2.15.0'].sort(compareVersions)).toEqual(['2.9.10', '2.10.0', '2.15.0', '2.15.1']);
  });

  it('picks the newest complete version, ignoring half-written ones', () => {
    expect(cachedNatsServer(dir)).toBeUndefined();
    put('2.9.10');
    put('2.15.1');
    put('2.10.3');
    mkdirSync(join(dir, 'nats-server', '.2.16.0-123'), { recursive: true });
    mkdirSync(join(dir, 'nats-server', '2.17.0'), { recursive: true }); // no binary yet
    expect(cachedNatsServer(dir)).toBe(join(dir, 'nats-server', '2.15.1', 'nats-server'));
  });

  it('lives where the environment says', () => {
    expect(cacheDir({ LIVESEG_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(cacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/liveseg');
  });
});
