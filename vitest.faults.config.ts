import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the long part of the fault and bad-input suite (test/faults/*.faults.ts),
 * on Postgres only (DATABASE_URL, the CI one by default). One file at a time: they restart
 * servers and flood the machine.
 */
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
