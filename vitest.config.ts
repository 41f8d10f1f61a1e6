import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/teardown.ts'],
    testTimeout: 30_000,
    hookTimeout: 20_000,
  },
});
