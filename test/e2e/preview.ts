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
  const output = () => preview.stdout() + preview.stderr();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`astro preview did not start:\n${output()}`)),
      30_000,
    );
    const poll = setInterval(() => {
      if (!output().includes(`127.0.0.1:${port}`)) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve();
    }, 50);
    preview.exited.then(() => reject(new Error(`astro preview exited:\n${output()}`)));
  });
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  return () => preview.stop('SIGTERM');
}
