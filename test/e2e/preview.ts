// The browser suite's global setup: the built site served by `astro preview` on 127.0.0.1, and
// one chromium that every test file connects to. Both belong to this process (the preview is
// started through Astro's API, not as a child program), so a run that is stopped, or killed by a
// CI time limit, leaves no server behind.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { preview } from 'astro';
import type { TestProject } from 'vitest/node';
import { repositoryRoot as root } from '../../src/lib/processes.ts';
import { launchServer } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    browserEndpoint: string;
  }
}

/** Serve dist/ with `astro preview` on 127.0.0.1, on a port the system picks. */
export async function servePreview() {
  if (!existsSync(join(root, 'dist/index.html'))) {
    throw new Error('no built site in dist/: run `npm run build` first');
  }
  process.env.ASTRO_TELEMETRY_DISABLED = '1'; // nothing leaves the machine
  const server = await preview({ root, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
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
