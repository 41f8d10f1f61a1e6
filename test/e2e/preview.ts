// The browser suite's global setup: the built site served by `astro preview` on 127.0.0.1, and
// one chromium that every test file connects to. Both belong to this process (the preview is
// started through Astro's API, not as a child program), so a run that is stopped, or killed by a
// CI time limit, leaves no server behind.
import type { TestProject } from 'vitest/node';
import { launchServer, servePreview } from '../../src/lib/chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    browserEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const site = await servePreview();
  const browser = await launchServer();
  project.provide('baseUrl', site.url);
  project.provide('browserEndpoint', browser.wsEndpoint());
  return async () => {
    await browser.close();
    await site.stop();
  };
}
