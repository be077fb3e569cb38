/**
 * Test configuration. The global set-up provides a real Neo4j to the suites that need one (see
 * test/setup/neo4j.ts); browser suites find Chromium through test/helpers/browser.ts.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'client/**/*.test.ts'],
    globalSetup: ['test/setup/neo4j.ts'],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    // The Neo4j suites share one database: run files one at a time.
    fileParallelism: false,
    pool: 'forks',
  },
});
