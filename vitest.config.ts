import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['actors/**/*.test.ts', 'gateway/**/*.test.ts', 'ui/**/*.test.ts', 'deploy/**/*.test.ts'],
    // Integration tests start their own nats-server; give them room on a slow 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
