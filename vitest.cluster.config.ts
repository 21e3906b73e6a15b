import { defineConfig } from 'vitest/config';

// The 3-node cluster fault test (`npm run test:cluster`), kept apart from `npm test`.
export default defineConfig({
  test: {
    include: ['actors/**/*.cluster-test.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
