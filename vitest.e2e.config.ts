import { defineConfig } from 'vitest/config';

// The browser suite: Debian's chromium against `astro preview` of the built site, both started
// once by test/e2e/preview.ts. Pages open several at a time in that one browser: a test is
// one page load and at most one axe pass, a few seconds even on a busy machine.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/preview.ts'],
    maxConcurrency: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
