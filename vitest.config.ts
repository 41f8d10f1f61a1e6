import { defineConfig } from 'vitest/config';

// Two groups, one after the other: first every test but the packet captures, in parallel; then
// the captures alone, whose packet order a busy machine could change (test/capture-sessions.test.ts).
// Three test files at a time on two cores: much of the tests' time is spent waiting for the
// programs they start.
export default defineConfig({
  test: {
    maxWorkers: 3,
    // Exercise checks, and the tests' few time bounds, allow three times their stated limits
    // (src/lib/slack.ts): two suites at once on two cores stall a program for over a second.
    env: { CHECK_SLACK: '3' },
    globalSetup: ['test/teardown.ts'],
    // Outer limits only: a test waits for each event with a limit of its own (test/processes.ts,
    // PATIENCE_MS), and these are for a test that does much on a machine that two suites share.
    testTimeout: 60_000,
    hookTimeout: 30_000,
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
