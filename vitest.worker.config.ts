import { defineConfig } from 'vitest/config';

/**
 * `npm run test:worker`: the Worker build under `wrangler dev --local` (workerd), against the
 * Postgres in DATABASE_URL (the CI one by default) and a Lark sandbox on 127.0.0.1.
 */
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

export default defineConfig({
  test: { include: ['test/worker/**/*.worker.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
