import { defineConfig } from 'vitest/config';

// Two groups, one after the other: first every test but the packet captures, in parallel; then
// the captures alone, whose packet order a busy machine could change (test/capture-sessions.test.ts).
// Three test files at a time on two cores: much of the tests' time is spent waiting for the
// programs they start.
export default defineConfig({
  test: {
    maxWorkers: 3,
    // Exercise checks wait three times their stated limits (src/lib/exercise.ts, SLACK).
    env: { CHECK_SLACK: '3' },
    globalSetup: ['test/teardown.ts'],
    testTimeout: 30_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'course',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/capture-sessions.test.ts', 'node_modules/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'captures',
          include: ['test/capture-sessions.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
