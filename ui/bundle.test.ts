import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `npm test` builds the UI before running the tests; the bundle is what the gateway serves.
const ASSETS = fileURLToPath(new URL('./dist/assets', import.meta.url));

describe('the UI bundle', () => {
  it('carries neither the regex engine of the workers nor XState (the builder only checks syntax)', () => {
    const js = readdirSync(ASSETS)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(ASSETS, f), 'utf8'))
      .join('\n');
    expect(js.length).toBeGreaterThan(10_000);
    expect(js).not.toContain('RE2JS');
    expect(js).not.toContain('xstate.assign');
  });
});
