// `npm start`, `npm run dev`, `build`, `preview`, `typecheck`: Astro's own command line, with its
// telemetry and its update check turned off, so that running the course sends nothing anywhere
// and prints no "new version available" notice. Astro reads both switches from the environment
// (ASTRO_TELEMETRY_DISABLED, ASTRO_DISABLE_UPDATE_CHECK); setting them here, and not with a
// `VAR=1 astro …` prefix in package.json, works on Windows too, where npm runs scripts with cmd.exe.
// Usage: node src/lib/astro-command.ts COMMAND [OPTIONS]   (the same arguments as `astro`)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
process.env.ASTRO_DISABLE_UPDATE_CHECK = 'true';

// Astro's bin reads the command from process.argv, which already holds this script's arguments.
const astro = dirname(createRequire(import.meta.url).resolve('astro/package.json'));
await import(pathToFileURL(join(astro, 'bin/astro.mjs')).href);
