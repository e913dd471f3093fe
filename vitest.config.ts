import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Files that exist only to run against PostgreSQL (several processes on one database, lock
    // order under real concurrency): not run at all without TEST_DATABASE_URL, rather than empty.
    exclude: ['**/node_modules/**', ...(process.env.TEST_DATABASE_URL ? [] : ['test/**/*.postgres.test.ts'])],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // PGlite and child processes: generous limits, measured in CI on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
