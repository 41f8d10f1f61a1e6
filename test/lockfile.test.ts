// package-lock.json installs the course on every learner's machine, with `npm ci`.
// - It carries every platform's native packages: a lockfile written on Linux on top of an
//   existing node_modules keeps only Linux's, and npm then installs no binary on a Mac or
//   a Windows PC ("Cannot find module @rollup/rollup-darwin-arm64"). Regenerate it from
//   scratch: `rm -rf node_modules package-lock.json && npm install`.
// - Every dependency it names is in it (else `npm ci` refuses it), and none floats on a
//   dist-tag such as "latest" (else the next upstream release makes `npm ci` refuse it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './processes.ts';

interface Entry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
type Packages = Record<string, Entry>;
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Packages;
};

/** Where Node would find `name` from the package installed at `from` (nested node_modules first). */
function resolves(packages: Packages, from: string, name: string): boolean {
  for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
    if (packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    if (!dir) return false;
  }
}

/** The platforms learners use, and how package names spell them. */
const PLATFORMS: Record<string, RegExp> = {
  'darwin-arm64': /darwin-arm64/,
  'darwin-x64': /darwin-x64/,
  'win32-x64': /(win32|windows)-x64/,
  'linux-x64': /linux-x64/,
};
/** A package of one platform's binary: @rolldown/binding-darwin-arm64, @esbuild/win32-x64, sharp-wasm32… */
const PLATFORM_PACKAGE =
  /(darwin|linux|linuxmusl|win32|windows|freebsd|openbsd|android|sunos|aix)-(x64|arm64|arm|ia32|ppc64|s390x|riscv64|loong64|mips64el)|wasm32/;

/** Packages that ship per-platform binaries as optional dependencies, with those dependencies. */
function nativePackages(packages: Packages) {
  return Object.entries(packages)
    .map(([path, entry]) => ({
      path,
      names: Object.keys(entry.optionalDependencies ?? {}).filter((n) => PLATFORM_PACKAGE.test(n)),
    }))
    .filter(({ names }) => names.length > 0);
}

/** Each native package that lacks a learner platform's binary. */
function missingPlatforms(packages: Packages): string[] {
  const missing: string[] = [];
  for (const { path, names } of nativePackages(packages)) {
    for (const [platform, spelling] of Object.entries(PLATFORMS)) {
      const offered = names.filter((n) => spelling.test(n));
      if (offered.length > 0 && !offered.some((n) => resolves(packages, path, n)))
        missing.push(`${path}: ${offered.join(' or ')} (${platform})`);
    }
  }
  return missing;
}

/** Each dependency a package names that the lockfile does not hold (npm ci refuses such a lockfile). */
function missingDependencies(packages: Packages): string[] {
  const missing: string[] = [];
  for (const [path, entry] of Object.entries(packages)) {
    const optionalPeers = Object.entries(entry.peerDependenciesMeta ?? {})
      .filter(([, m]) => m.optional)
      .map(([n]) => n);
    const needed = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((n) => !optionalPeers.includes(n)),
    ];
    for (const name of needed)
      if (!resolves(packages, path, name)) missing.push(`${path || '(the course)'} -> ${name}`);
    // An optional dependency may be left out only when it is another platform's binary.
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (!resolves(packages, path, name) && !PLATFORM_PACKAGE.test(name) && name !== 'fsevents')
        missing.push(`${path} -> ${name} (optional)`);
    }
  }
  return missing;
}

/** Each dependency pinned to a dist-tag ("latest"), which the next upstream release moves. */
function floating(packages: Packages): string[] {
  return Object.entries(packages).flatMap(([path, entry]) =>
    [entry.dependencies, entry.optionalDependencies]
      .flatMap((deps) => Object.entries(deps ?? {}))
      .filter(([, range]) => /^[a-z][\w-]*$/i.test(range))
      .map(([name, range]) => `${path} -> ${name}@${range}`),
  );
}

describe('package-lock.json', () => {
  const packages = lock.packages;

  it('has the native packages of darwin-arm64, darwin-x64, win32-x64 and linux-x64 for every dependency that ships them', () => {
    // The bundler, the CSS engine, the search index and esbuild all ship them: none may be missing.
    const paths = nativePackages(packages).map((n) => n.path);
    for (const expected of ['rolldown', 'esbuild', 'pagefind', 'lightningcss'])
      expect(paths).toContain(`node_modules/${expected}`);
    expect(
      missingPlatforms(packages),
      'regenerate the lockfile from scratch: rm -rf node_modules package-lock.json && npm install',
    ).toEqual([]);
  });

  it('holds every dependency its packages name, so that npm ci accepts it', () => {
    expect(missingDependencies(packages)).toEqual([]);
  });

  it('pins nothing to a dist-tag such as "latest", which the next upstream release would move', () => {
    expect(floating(packages)).toEqual([]);
  });

  it('would fail on a lockfile written on Linux over node_modules, or one that lacks a dependency', () => {
    const linuxOnly = Object.fromEntries(
      Object.entries(packages).filter(([path]) => !/darwin|win32|windows/.test(path)),
    );
    expect(missingPlatforms(linuxOnly)).toContainEqual(
      expect.stringContaining('@rolldown/binding-darwin-arm64'),
    );
    expect(missingPlatforms(linuxOnly)).toContainEqual(
      expect.stringContaining('@esbuild/win32-x64'),
    );
    const vite = packages['node_modules/vite'];
    const broken = {
      ...packages,
      'node_modules/vite': {
        ...vite,
        optionalDependencies: {
          ...vite.optionalDependencies,
          'napi-windows-process-start-time': '^0.1.0',
        },
      },
    };
    expect(missingDependencies(broken)).toEqual([
      'node_modules/vite -> napi-windows-process-start-time (optional)',
    ]);
    const tagged = {
      ...packages,
      'node_modules/x': { dependencies: { 'third-party-web': 'latest' } },
    };
    expect(floating(tagged)).toEqual(['node_modules/x -> third-party-web@latest']);
  });
});
