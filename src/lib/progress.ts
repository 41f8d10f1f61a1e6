// A learner's progress: the exercises `npm run check` has seen pass, in .progress.json at the
// root of their checkout (git ignores it; COURSE_PROGRESS names another file, as the tests do),
// and the course's lessons in order, to list the exercises the way the sidebar lists the lessons.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Lang } from './exercise.ts';
import { repositoryRoot as root } from './processes.ts';

/** What the file keeps of a pass: when, which file (from the root), and its SHA-256 then. */
export interface Pass {
  passedAt: string;
  file: string;
  sha256: string;
}

export type Progress = Record<string, Pass>;

export const progressFile = (env: NodeJS.ProcessEnv = process.env) =>
  env.COURSE_PROGRESS || join(root, '.progress.json');

/** The passes recorded so far; none if the file is missing or is not what this writes. */
export function readProgress(file = progressFile()): Progress {
  if (!existsSync(file)) return {};
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    return typeof data?.exercises === 'object' && data.exercises !== null ? data.exercises : {};
  } catch {
    return {};
  }
}

/** Record that exercise `id` passed with `checked` as it is now; the passes so far. */
export function recordPass(id: string, checked: string, file = progressFile()): Progress {
  const exercises = readProgress(file);
  exercises[id] = {
    passedAt: new Date().toISOString(),
    file: relative(root, checked).replaceAll('\\', '/'),
    sha256: createHash('sha256').update(readFileSync(checked)).digest('hex'),
  };
  writeFileSync(file, `${JSON.stringify({ exercises }, null, 2)}\n`);
  return exercises;
}

/**
 * The lessons in course order, as astro.config.mjs's `course` lists them. Read as text: the
 * configuration imports Astro and Starlight, too much for a command that only needs the order
 * (test/progress.test.ts compares the two).
 */
export function lessonOrder(config = join(root, 'astro.config.mjs')): string[] {
  const text = readFileSync(config, 'utf8');
  const course = /^export const course = \[([\s\S]*?)^\];/m.exec(text)?.[1] ?? '';
  return [...course.matchAll(/'([a-z0-9-]+\/[a-z0-9-]+)'/g)].map((m) => m[1]);
}

/** A lesson's title in `lang`, from its page's front matter (the slug if it has none). */
export function lessonTitle(slug: string, lang: Lang): string {
  const page = join(root, 'src/content/docs', lang === 'en' ? 'en' : '', `${slug}.mdx`);
  if (!existsSync(page)) return slug;
  const title = /^title: *(.+)$/m.exec(readFileSync(page, 'utf8'))?.[1].trim() ?? slug;
  if (/^'.*'$/.test(title)) return title.slice(1, -1).replaceAll("''", "'"); // YAML's quotes
  return /^".*"$/.test(title) ? JSON.parse(title) : title;
}

/** A bar of `width` cells, `done` of `all` filled. */
export function bar(done: number, all: number, width = 20): string {
  const full = all ? Math.round((width * done) / all) : 0;
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}]`;
}
