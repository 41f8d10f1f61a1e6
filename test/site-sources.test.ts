// What the site's build reads: no test code, and interface strings in both languages.
// - From the pages and components, following their imports (relative ones, as written), the
//   build reaches no module that checks or runs the course: the content and quiz checks,
//   `npm run check` and its runner, the session runner, the process toolkit, anything under test/.
//   (The exercises' check.ts files come in through src/lib/exercise-registry.ts, by design: they
//   import nothing but src/lib/exercise.ts, which test/exercises.test.ts proves by bundling.)
// - Every interface string is in src/content/i18n/, in both languages: the same keys in each file,
//   every key src/content.config.ts requires, and every key a component asks for with t('…').
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './processes.ts';

/** The relative imports a file writes (static, side-effect and dynamic with a plain string). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...text.matchAll(/\bimport\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/g),
    ...text.matchAll(/\bexport\s+[^'"`;]*?\sfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]);
  return found.map((spec) => {
    const path = resolve(dirname(file), spec);
    const candidates = [path, `${path}.ts`, `${path}.astro`, join(path, 'index.ts')];
    const hit = candidates.find((c) => existsSync(c) && !c.endsWith('/'));
    if (!hit) throw new Error(`${relative(root, file)}: cannot resolve ${spec}`);
    return hit;
  });
}

/** Every file the build starts from: the pages, the components, the configuration. */
const entries = [
  ...['src/pages', 'src/components'].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(astro|ts)$/.test(f))
      .map((f) => join(root, dir, f)),
  ),
  join(root, 'astro.config.mjs'),
  join(root, 'src/content.config.ts'),
];

/** Each module the build reaches → the chain of imports that reaches it. */
function reached(importsOf: (file: string) => string[]): Map<string, string[]> {
  const chains = new Map<string, string[]>(entries.map((e) => [e, [relative(root, e)]]));
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    for (const next of importsOf(file)) {
      if (chains.has(next) || /\.(css|json|svg)$/.test(next)) continue;
      chains.set(next, [...chains.get(file)!, relative(root, next)]);
      queue.push(next);
    }
  }
  return chains;
}

const TEST_CODE =
  /^(test\/|src\/lib\/(content-checks|quiz-checks|check-command|exercise-runner|exercise-lab|session-runner|processes)\.ts$)/;

/** The chains of imports that lead to test code. */
const testCodeIn = (chains: Map<string, string[]>) =>
  [...chains]
    .filter(([file]) => TEST_CODE.test(relative(root, file)))
    .map(([, chain]) => chain.join(' → '));

describe('the site build', () => {
  it('reaches no module that checks or runs the course', () => {
    const chains = reached(importsOf);
    expect(chains.size).toBeGreaterThan(entries.length); // the walk follows imports
    expect(chains.has(join(root, 'src/lib/lessons.ts'))).toBe(true);
    expect(testCodeIn(chains)).toEqual([]);
  });

  it('sees it when a module that pages use imports the content checks', () => {
    const lessons = join(root, 'src/lib/lessons.ts');
    const withCheck = (file: string) => [
      ...importsOf(file),
      ...(file === lessons ? [join(root, 'src/lib/content-checks.ts')] : []),
    ];
    expect(testCodeIn(reached(withCheck))).toEqual([
      expect.stringMatching(
        /^src\/components\/.* → src\/lib\/lessons\.ts → src\/lib\/content-checks\.ts$/,
      ),
    ]);
  });
});

describe('the interface strings', () => {
  const strings = (lang: string): Record<string, string> =>
    JSON.parse(readFileSync(join(root, `src/content/i18n/${lang}.json`), 'utf8'));
  const pt = strings('pt-BR');
  const en = strings('en');
  const required = [
    ...readFileSync(join(root, 'src/content.config.ts'), 'utf8').matchAll(/'([\w.]+)': text,/g),
  ].map((m) => m[1]);
  // Starlight's own keys that the English file sets (it has no English words for them);
  // Portuguese has its own in Starlight.
  const starlightOnly = (key: string) => key.startsWith('expressiveCode.');

  it('has the same keys in both languages, each required by src/content.config.ts', () => {
    expect(required.length).toBeGreaterThan(40);
    const keys = (o: Record<string, string>) => Object.keys(o).filter((k) => !starlightOnly(k));
    expect(keys(pt).sort()).toEqual([...required].sort());
    expect(keys(en).sort()).toEqual([...required].sort());
  });

  it("has every key a component asks for with t('…')", () => {
    const asked = new Set(
      entries
        .filter((f) => f.endsWith('.astro'))
        .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1])),
    );
    expect(asked.size).toBeGreaterThan(20);
    expect([...asked].filter((key) => !(key in pt) || !(key in en))).toEqual([]);
  });
});
