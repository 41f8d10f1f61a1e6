// Serve the built site with `astro preview` on 127.0.0.1 for the browser tests. --ignore-lock:
// beside any other preview of this project (a reader's `npm run preview`, another test run).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, repositoryRoot as root } from '../../src/lib/session-runner.ts';

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
  const preview = spawn(join(root, 'node_modules/.bin/astro'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`astro preview did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes(`127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    preview.stdout!.on('data', onData);
    preview.stderr!.on('data', onData);
    preview.on('exit', () => reject(new Error(`astro preview exited:\n${output}`)));
  });
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  return () => {
    try {
      process.kill(-preview.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
}
