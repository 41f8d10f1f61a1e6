// The lessons as the site and the tests read them: a page's course tags (<Example>, <Session>,
// <Exercise>, <Diagram>, <Packets>, <Lab>) and its fenced blocks, from the MDX syntax tree of satteri,
// the parser the build itself uses. So a reader of the tree sees what the build sees: a fence
// inside <Steps>, a tag split over lines. The code pages import this module to list the lessons
// that show their file; the content checks (src/lib/content-checks.ts) and the tests import it too.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { mdxToMdast } from 'satteri';
import { visit } from 'unist-util-visit';

export interface Reference {
  kind: 'Example' | 'Session' | 'Exercise' | 'Diagram' | 'Packets' | 'Lab';
  props: Record<string, string>;
  line: number;
}

export interface Fence {
  lang: string;
  body: string[];
  line: number;
}

/** The region of every example that lessons never show: its command line and error wording. */
export const CLI_REGION = 'cli';

const KINDS = new Set(['Example', 'Session', 'Exercise', 'Diagram', 'Packets', 'Lab']);

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

/** A page's course references and fenced blocks, in order, from its MDX syntax tree. */
export function parsePage(mdx: string): { references: Reference[]; fences: Fence[] } {
  const references: Reference[] = [];
  const fences: Fence[] = [];
  visit(mdxToMdast(mdx), (node) => {
    const line = node.position?.start.line ?? 0;
    if (
      (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') &&
      node.name &&
      KINDS.has(node.name)
    ) {
      const props: Record<string, string> = {};
      for (const attribute of node.attributes) {
        if (attribute.type !== 'mdxJsxAttribute') continue;
        props[attribute.name] = typeof attribute.value === 'string' ? attribute.value : '{…}';
      }
      references.push({ kind: node.name as Reference['kind'], props, line });
    }
    if (node.type === 'code')
      fences.push({
        lang: node.lang ?? '',
        body: node.value.split('\n').filter((l) => l.trim()),
        line,
      });
  });
  return { references, fences };
}

/** The files under examples/ that a page shows: its <Example>s and its exercises' solutions. */
export function filesShown(references: Reference[]): string[] {
  return references.flatMap((r) =>
    r.kind === 'Example' && r.props.file
      ? [r.props.file]
      : r.kind === 'Exercise' && r.props.id
        ? [`exercises/${r.props.id}/solution.ts`]
        : [],
  );
}

// A lesson's text → the files it shows: each lesson is parsed once per build (or once per edit,
// in `astro dev`), however many code pages ask.
const shownBy = new Map<string, string[]>();

/**
 * Each file under examples/ (`udp-server.ts`) → the lessons among `lessons` that show it, in
 * their order. A lesson is anything with its MDX text as `body`, as the docs collection gives it.
 */
export function lessonsByFile<L extends { body?: string }>(lessons: L[]): Map<string, L[]> {
  const byFile = new Map<string, L[]>();
  for (const lesson of lessons) {
    const text = lesson.body ?? '';
    let files = shownBy.get(text);
    if (!files) {
      files = filesShown(parsePage(text).references);
      shownBy.set(text, files);
    }
    for (const file of new Set(files)) byFile.set(file, [...(byFile.get(file) ?? []), lesson]);
  }
  return byFile;
}
