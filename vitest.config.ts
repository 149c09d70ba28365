import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
    // One temporary folder per run, removed at its end (test/tmpdirPerRun.ts).
    globalSetup: ['test/tmpdirPerRun.ts'],
  },
});
