import { defineConfig } from 'vitest/config';

// The browser suite: Debian's chromium against `astro preview` of the built site.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/preview.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
