// Debian's chromium, driven by playwright-core (no browser download needed), and the built site
// served by `astro preview` on 127.0.0.1: what `npm run build:pdf` prints with, and what the
// browser suite (test/e2e/) tests with.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { preview } from 'astro';
import { chromium } from 'playwright-core';
import { repositoryRoot as root } from './processes.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launch = (args: string[] = []) =>
  chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...args] });
/** A chromium that test files connect to (`connect(server.wsEndpoint())`). */
export const launchServer = () => chromium.launchServer({ executablePath: CHROMIUM, args: FLAGS });
export const connect = (wsEndpoint: string) => chromium.connect(wsEndpoint);

/** Serve dist/ with `astro preview` on 127.0.0.1, on a port the system picks. */
export async function servePreview() {
  if (!existsSync(join(root, 'dist/index.html'))) {
    throw new Error('no built site in dist/: run `npm run build` first');
  }
  process.env.ASTRO_TELEMETRY_DISABLED = '1'; // nothing leaves the machine
  const server = await preview({ root, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
}
