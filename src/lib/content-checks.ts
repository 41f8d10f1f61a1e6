// Content integrity: what `npm test` checks in every lesson, in both languages. Pages are read
// by src/lib/lessons.ts, with the MDX parser the site's build uses, so a check sees what the build
// sees (a fence inside <Steps>, a tag split over lines); sessions and exercises are imported, not
// searched. Only the tests import this module; the site reads pages through lessons.ts.
//
// 1. Every pt-BR page (src/content/docs/X.mdx) has its English twin
//    (src/content/docs/en/X.mdx), and the other way round.
// 2. No program code is typed into a page: code comes from examples/ through
//    <Example>. A fenced block is allowed only for shell commands a reader types
//    to set up or run the course (see ALLOWED_COMMANDS), and every
//    `npx tsx examples/…` command in one must be a command a session runs.
// 3. Every <Example file region>, <Session name>, <Exercise id region>, <Diagram name alt>,
//    <Packets session> and <Lab name> resolves, and no lesson shows an example's `cli` region (its
//    command-line tail).
// 4. Twins reference the same examples, regions and sessions in the same order.
// 5. Each exercise's lesson shows it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { capturesPackets } from './command.ts';
import type { Exercise } from './exercise.ts';
import { CLI_REGION, pagesUnder, parsePage, type Reference } from './lessons.ts';
import { extractRegion, findRegions } from './regions.ts';
import { commandOf, type Session } from './session.ts';
import { topologies } from './topologies.ts';

// For the tests that read pages as well as check them.
export { CLI_REGION, pagesUnder, parsePage, type Reference };

const ALLOWED_FENCE_LANGS = new Set(['sh', 'bash', 'shell']);
// Set-up commands: getting the course and running it, and installing Node, git and the system
// tools the lessons use (the "Before you start" page), on Linux, macOS and Windows.
const ALLOWED_COMMANDS =
  /^(git clone \S+|cd \S+|npm (install|start|test|run [\w:-]+)( .*)?|sudo npm run (lab|check) .*|npx tsx examples\/.*|node --version|nvm install \d+|sudo apt update|sudo apt install [\w.+ -]+|brew install [\w@.+ -]+|winget install [\w.]+|wsl --install)$/;

/** The <Example>, <Session>, <Exercise>, <Diagram>, <Packets> and <Lab> tags of a page, in order. */
export const referencesIn = (mdx: string) => parsePage(mdx).references;

/** A reference as twins must share it: the words (alt, caption) are the page's own language. */
export const describeRef = (r: Reference) =>
  `<${r.kind} ${Object.entries(r.props)
    .filter(([k]) => !['alt', 'caption', 'title'].includes(k))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`)
    .join(' ')} />`;

/** Every problem in the course's content; an empty list means all is well. */
export async function checkContent(root: string): Promise<string[]> {
  const problems: string[] = [];
  const docs = join(root, 'src/content/docs');
  // 404 is one page for both languages (Starlight serves a single not-found page).
  const pt = pagesUnder(docs, 'en').filter((p) => !/^404\.mdx?$/.test(p));
  const en = pagesUnder(join(docs, 'en'));
  for (const page of pt)
    if (!en.includes(page))
      problems.push(`src/content/docs/${page} has no English twin at src/content/docs/en/${page}`);
  for (const page of en)
    if (!pt.includes(page))
      problems.push(
        `src/content/docs/en/${page} has no Portuguese twin at src/content/docs/${page}`,
      );

  const sessions = await sessionsIn(root);
  const sessionCommands = new Set(
    [...sessions.values()].flatMap((s) => s.steps.map(commandOf).filter((c) => c !== undefined)),
  );
  const refsOf = new Map<string, Reference[]>();
  for (const path of [
    ...pt.map((p) => `src/content/docs/${p}`),
    ...en.map((p) => `src/content/docs/en/${p}`),
  ]) {
    let page;
    try {
      page = parsePage(readFileSync(join(root, path), 'utf8'));
    } catch (err) {
      problems.push(`${path}: not valid MDX: ${(err as Error).message}`);
      continue;
    }
    for (const fence of page.fences) {
      if (!ALLOWED_FENCE_LANGS.has(fence.lang)) {
        problems.push(
          `${path}:${fence.line}: a \`\`\`${fence.lang || '(no language)'} block; show code with <Example file region /> from examples/`,
        );
        continue;
      }
      for (const cmd of fence.body.map((l) => l.replace(/^\$ /, '').trim())) {
        if (!ALLOWED_COMMANDS.test(cmd))
          problems.push(
            `${path}:${fence.line}: "${cmd}" is not a set-up command; show programs and their output with <Example> and <Session>`,
          );
        else if (cmd.startsWith('npx tsx ') && !sessionCommands.has(cmd))
          problems.push(
            `${path}:${fence.line}: "${cmd}" is run by no session in examples/sessions/`,
          );
      }
    }
    refsOf.set(path, page.references);
    for (const ref of page.references) problems.push(...checkReference(root, path, ref, sessions));
  }

  for (const [id, lesson] of await exerciseLessons(root)) {
    for (const page of [`src/content/docs/${lesson}.mdx`, `src/content/docs/en/${lesson}.mdx`]) {
      const refs = refsOf.get(page);
      if (!refs)
        problems.push(
          `examples/exercises/${id}/check.ts names lesson "${lesson}", but ${page} does not exist`,
        );
      else if (!refs.some((r) => r.kind === 'Exercise' && r.props.id === id))
        problems.push(`${page} does not show <Exercise id="${id}">`);
    }
  }

  for (const page of pt.filter((p) => en.includes(p))) {
    const a = (refsOf.get(`src/content/docs/${page}`) ?? []).map(describeRef);
    const b = (refsOf.get(`src/content/docs/en/${page}`) ?? []).map(describeRef);
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (a[i] !== b[i]) {
        problems.push(
          `src/content/docs/${page} and its English twin differ at code reference ${i + 1}: ${a[i] ?? '(none)'} vs ${b[i] ?? '(none)'}`,
        );
        break;
      }
    }
  }
  return problems;
}

function checkReference(
  root: string,
  path: string,
  ref: Reference,
  sessions: Map<string, Session>,
): string[] {
  const at = `${path}:${ref.line}`;
  if (ref.kind === 'Example') {
    const { file, region } = ref.props;
    if (!file) return [`${at}: <Example> needs file="…"`];
    const full = join(root, 'examples', file);
    if (!existsSync(full)) return [`${at}: examples/${file} does not exist`];
    if (region === CLI_REGION)
      return [
        `${at}: examples/${file}: the "${CLI_REGION}" region is the command-line tail, which lessons do not show`,
      ];
    const source = readFileSync(full, 'utf8');
    try {
      if (region) extractRegion(source, `examples/${file}`, region);
      else findRegions(source, `examples/${file}`);
    } catch (err) {
      return [`${at}: ${(err as Error).message}`];
    }
    return [];
  }
  if (ref.kind === 'Diagram') {
    const { name, alt } = ref.props;
    if (!name || !alt || alt.trim().length < 20)
      return [`${at}: <Diagram> needs name="…" and an alt="…" that says in words what it shows`];
    return ['pt-BR', 'en']
      .filter((lang) => !existsSync(join(root, 'src/diagrams', `${name}.${lang}.svg`)))
      .map((lang) => `${at}: src/diagrams/${name}.${lang}.svg does not exist`);
  }
  if (ref.kind === 'Exercise') {
    const { id, region } = ref.props;
    if (!id || !region) return [`${at}: <Exercise> needs id="…" and region="…"`];
    const folder = join(root, 'examples/exercises', id);
    if (!existsSync(join(folder, 'check.ts')))
      return [`${at}: examples/exercises/${id}/check.ts does not exist`];
    if (!existsSync(join(folder, 'solution.ts')))
      return [`${at}: examples/exercises/${id}/solution.ts does not exist`];
    try {
      extractRegion(
        readFileSync(join(folder, 'solution.ts'), 'utf8'),
        `examples/exercises/${id}/solution.ts`,
        region,
      );
    } catch (err) {
      return [`${at}: ${(err as Error).message}`];
    }
    return [];
  }
  if (ref.kind === 'Lab') {
    const name = ref.props.name;
    return name && Object.hasOwn(topologies, name)
      ? []
      : [`${at}: <Lab name="${name ?? ''}">: no such lab in src/lib/topologies.ts`];
  }
  if (ref.kind === 'Packets') {
    const name = ref.props.session;
    if (!name) return [`${at}: <Packets> needs session="…"`];
    const base = join(root, 'examples/sessions', name);
    if (!existsSync(`${base}.session.ts`) || !existsSync(`${base}.txt`))
      return [`${at}: <Packets>: examples/sessions/${name}.session.ts and .txt must exist`];
    if (!capturesPackets(sessions.get(name)!))
      return [`${at}: <Packets>: examples/sessions/${name} captures no packets (no tcpdump step)`];
    return [];
  }
  const name = ref.props.name;
  if (!name) return [`${at}: <Session> needs name="…"`];
  const base = join(root, 'examples/sessions', name);
  if (!existsSync(`${base}.session.ts`))
    return [`${at}: examples/sessions/${name}.session.ts does not exist`];
  if (!existsSync(`${base}.txt`))
    return [`${at}: examples/sessions/${name}.txt is missing; run \`npm run sessions:update\``];
  return [];
}

/** The sessions, by name (their definitions, imported). */
async function sessionsIn(root: string): Promise<Map<string, Session>> {
  const dir = join(root, 'examples/sessions');
  const sessions = new Map<string, Session>();
  if (!existsSync(dir)) return sessions;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.session.ts'))) {
    const session: Session = (await import(pathToFileURL(join(dir, file)).href)).default;
    sessions.set(file.replace(/\.session\.ts$/, ''), session);
  }
  return sessions;
}

/** Each exercise and the lesson its check.ts names (the definition, imported). */
async function exerciseLessons(root: string): Promise<[string, string][]> {
  const dir = join(root, 'examples/exercises');
  if (!existsSync(dir)) return [];
  const found: [string, string][] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const check = join(dir, d.name, 'check.ts');
    if (!d.isDirectory() || !existsSync(check)) continue;
    const exercise: Exercise = (await import(pathToFileURL(check).href)).default;
    found.push([d.name, exercise.lesson]);
  }
  return found.sort();
}
