import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One test file per core. Vitest's own default in a run is the cores less one, which on the
    // 2-core CI machine ran the files one at a time while most of a file's time is spent waiting
    // for the child processes, servers and browsers it starts (load average 1.2-1.7 all run).
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
    // One temporary folder per run, removed at its end (test/tmpdirPerRun.ts).
    globalSetup: ['test/tmpdirPerRun.ts'],
  },
});
