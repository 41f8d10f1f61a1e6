// Content integrity: what `npm test` checks in every lesson, in both languages.
//
// 1. Every pt-BR page (src/content/docs/X.mdx) has its English twin
//    (src/content/docs/en/X.mdx), and the other way round.
// 2. No program code is typed into a page: code comes from examples/ through
//    <Example>. A fenced block is allowed only for shell commands a reader types
//    to set up or run the course (see ALLOWED_COMMANDS), and every
//    `npx tsx examples/…` command in one must be a command a session runs.
// 3. Every <Example file region> and <Session name> resolves.
// 4. Twins reference the same examples, regions and sessions in the same order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extractRegion, findRegions } from './regions.ts';

export interface Reference {
  kind: 'Example' | 'Session' | 'Exercise' | 'Diagram';
  props: Record<string, string>;
  line: number;
}

const ALLOWED_FENCE_LANGS = new Set(['sh', 'bash', 'shell']);
// Set-up commands: getting the course and running it, and installing Node, git and the system
// tools the lessons use (the "Before you start" page), on Linux, macOS and Windows.
const ALLOWED_COMMANDS =
  /^(git clone \S+|cd \S+|npm (install|start|test|run [\w:-]+)( .*)?|npx tsx examples\/.*|node --version|nvm install \d+|sudo apt update|sudo apt install [\w.+ -]+|brew install [\w@.+ -]+|winget install [\w.]+|wsl --install)$/;

/** Every .md/.mdx file under `dir`, as paths relative to it. */
export function pagesUnder(dir: string, skip = ''): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.mdx?$/.test(entry.name)) continue;
    const path = relative(dir, join(entry.parentPath, entry.name));
    if (skip && (path === skip || path.startsWith(`${skip}/`))) continue;
    found.push(path);
  }
  return found.sort();
}

/** The <Example>, <Session> and <Exercise> tags of a page, in order. */
export function referencesIn(mdx: string): Reference[] {
  const refs: Reference[] = [];
  for (const m of mdx.matchAll(/<(Example|Session|Exercise|Diagram)\b([^>]*?)\/?>/g)) {
    const props: Record<string, string> = {};
    for (const p of m[2].matchAll(/(\w+)=(?:"([^"]*)"|'([^']*)'|\{[^}]*\})/g)) props[p[1]] = p[2] ?? p[3] ?? '{…}';
    refs.push({ kind: m[1] as Reference['kind'], props, line: lineOf(mdx, m.index!) });
  }
  return refs;
}

/** Fenced code blocks of a page. */
export function fencesIn(mdx: string): { lang: string; body: string[]; line: number }[] {
  const fences = [];
  for (const m of mdx.matchAll(/^(```+|~~~+)([^\n]*)\n([\s\S]*?)^\1\s*$/gm)) {
    fences.push({ lang: m[2].trim().split(/\s+/)[0] ?? '', body: m[3].split('\n').filter((l) => l.trim()), line: lineOf(mdx, m.index!) });
  }
  return fences;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** A reference as twins must share it: the words (alt, caption) are the page's own language. */
export const describeRef = (r: Reference) =>
  `<${r.kind} ${Object.entries(r.props)
    .filter(([k]) => !['alt', 'caption', 'title'].includes(k))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`)
    .join(' ')} />`;

/** Every problem in the course's content; an empty list means all is well. */
export function checkContent(root: string): string[] {
  const problems: string[] = [];
  const docs = join(root, 'src/content/docs');
  // 404 is one page for both languages (Starlight serves a single not-found page).
  const pt = pagesUnder(docs, 'en').filter((p) => !/^404\.mdx?$/.test(p));
  const en = pagesUnder(join(docs, 'en'));
  for (const page of pt) if (!en.includes(page)) problems.push(`src/content/docs/${page} has no English twin at src/content/docs/en/${page}`);
  for (const page of en) if (!pt.includes(page)) problems.push(`src/content/docs/en/${page} has no Portuguese twin at src/content/docs/${page}`);

  const sessionCommands = sessionCommandsIn(root);
  const refsOf = new Map<string, Reference[]>();
  for (const path of [...pt.map((p) => `src/content/docs/${p}`), ...en.map((p) => `src/content/docs/en/${p}`)]) {
    const mdx = readFileSync(join(root, path), 'utf8');
    for (const fence of fencesIn(mdx)) {
      if (!ALLOWED_FENCE_LANGS.has(fence.lang)) {
        problems.push(`${path}:${fence.line}: a \`\`\`${fence.lang || '(no language)'} block; show code with <Example file region /> from examples/`);
        continue;
      }
      for (const cmd of fence.body.map((l) => l.replace(/^\$ /, '').trim())) {
        if (!ALLOWED_COMMANDS.test(cmd)) problems.push(`${path}:${fence.line}: "${cmd}" is not a set-up command; show programs and their output with <Example> and <Session>`);
        else if (cmd.startsWith('npx tsx ') && !sessionCommands.has(cmd)) problems.push(`${path}:${fence.line}: "${cmd}" is run by no session in examples/sessions/`);
      }
    }
    const refs = referencesIn(mdx);
    refsOf.set(path, refs);
    for (const ref of refs) problems.push(...checkReference(root, path, ref));
  }

  for (const [id, lesson] of exerciseLessons(root)) {
    for (const page of [`src/content/docs/${lesson}.mdx`, `src/content/docs/en/${lesson}.mdx`]) {
      const refs = refsOf.get(page);
      if (!refs) problems.push(`examples/exercises/${id}/check.ts names lesson "${lesson}", but ${page} does not exist`);
      else if (!refs.some((r) => r.kind === 'Exercise' && r.props.id === id)) problems.push(`${page} does not show <Exercise id="${id}">`);
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

function checkReference(root: string, path: string, ref: Reference): string[] {
  const at = `${path}:${ref.line}`;
  if (ref.kind === 'Example') {
    const file = ref.props.file;
    if (!file) return [`${at}: <Example> needs file="…"`];
    const full = join(root, 'examples', file);
    if (!existsSync(full)) return [`${at}: examples/${file} does not exist`];
    const source = readFileSync(full, 'utf8');
    try {
      if (ref.props.region) extractRegion(source, `examples/${file}`, ref.props.region);
      else findRegions(source, `examples/${file}`);
    } catch (err) {
      return [`${at}: ${(err as Error).message}`];
    }
    return [];
  }
  if (ref.kind === 'Diagram') {
    const { name, alt } = ref.props;
    if (!name || !alt || alt.trim().length < 20) return [`${at}: <Diagram> needs name="…" and an alt="…" that says in words what it shows`];
    return ['pt-BR', 'en']
      .filter((lang) => !existsSync(join(root, 'src/diagrams', `${name}.${lang}.svg`)))
      .map((lang) => `${at}: src/diagrams/${name}.${lang}.svg does not exist`);
  }
  if (ref.kind === 'Exercise') {
    const { id, region } = ref.props;
    if (!id || !region) return [`${at}: <Exercise> needs id="…" and region="…"`];
    const folder = join(root, 'examples/exercises', id);
    if (!existsSync(join(folder, 'check.ts'))) return [`${at}: examples/exercises/${id}/check.ts does not exist`];
    if (!existsSync(join(folder, 'solution.ts'))) return [`${at}: examples/exercises/${id}/solution.ts does not exist`];
    try {
      extractRegion(readFileSync(join(folder, 'solution.ts'), 'utf8'), `examples/exercises/${id}/solution.ts`, region);
    } catch (err) {
      return [`${at}: ${(err as Error).message}`];
    }
    return [];
  }
  const name = ref.props.name;
  if (!name) return [`${at}: <Session> needs name="…"`];
  const base = join(root, 'examples/sessions', name);
  if (!existsSync(`${base}.session.ts`)) return [`${at}: examples/sessions/${name}.session.ts does not exist`];
  if (!existsSync(`${base}.txt`)) return [`${at}: examples/sessions/${name}.txt is missing; run \`npm run sessions:update\``];
  return [];
}

/** The commands that the sessions run (read from their files, without running them). */
function sessionCommandsIn(root: string): Set<string> {
  const dir = join(root, 'examples/sessions');
  const commands = new Set<string>();
  if (!existsSync(dir)) return commands;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.session.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/(?:start|run): '((?:[^'\\]|\\.)*)'/g)) commands.add(m[1].replace(/\\'/g, "'"));
  }
  return commands;
}

/** Each exercise and the lesson its check.ts names (read from the file, without running it). */
function exerciseLessons(root: string): [string, string][] {
  const dir = join(root, 'examples/exercises');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'check.ts')))
    .map((d) => {
      const text = readFileSync(join(dir, d.name, 'check.ts'), 'utf8');
      return [d.name, /lesson: '([^']+)'/.exec(text)?.[1] ?? '(none)'];
    });
}
