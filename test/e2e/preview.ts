// Serve the built site with `astro preview` on 127.0.0.1 for the browser tests. --ignore-lock:
// beside any other preview of this project (a reader's `npm run preview`, another test run).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, repositoryRoot as root, start } from '../../src/lib/processes.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(join(root, 'dist/index.html'))) {
    throw new Error('no built site in dist/: run `npm run build` before `npm run test:e2e`');
  }
  const port = await freePort();
  const preview = start([
    join(root, 'node_modules/.bin/astro'),
    'preview',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--ignore-lock',
  ]);
  await preview.waitFor(`127.0.0.1:${port}`, { signal: AbortSignal.timeout(30_000) });
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  return () => preview.stop('SIGTERM');
}
