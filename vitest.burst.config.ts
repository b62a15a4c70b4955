import { defineConfig } from 'vitest/config';

/** `npm run test:burst`: the long burst against Lark's limits, kept out of `npm test`'s time. */
export default defineConfig({
  test: { include: ['test/burst/**/*.burst.ts'], testTimeout: 20 * 60_000, hookTimeout: 120_000 },
});
