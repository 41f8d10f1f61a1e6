// What the site's components share: the language of the page being built, and the course's
// files. The files are read through Vite (import.meta.glob), so that `astro dev` reloads a page
// when an example, a session or its transcript changes.
import type { Lang } from './exercise.ts';
import type { Session } from './session.ts';

export type { Lang };

/**
 * The language of the page being built: Portuguese at /, English at /en/. Astro's i18n (which
 * Starlight sets up from its locales) knows it on every page, the code pages included.
 */
export const langOf = (astro: { currentLocale?: string | undefined }): Lang =>
  astro.currentLocale === 'en' ? 'en' : 'pt';

/** The language's tag, as <html lang>, Intl and the diagrams' file names spell it. */
export const tagOf = (lang: Lang) => (lang === 'pt' ? 'pt-BR' : 'en');

/** Where a language's pages live: '' for Portuguese (the root), '/en' for English. */
export const baseOf = (lang: Lang) => (lang === 'en' ? '/en' : '');

/** Every program under examples/, by path (`/examples/udp-server.ts`): its text. */
export const examples = import.meta.glob<string>('/examples/**/*.{ts,py}', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const definitions = import.meta.glob<Session>('/examples/sessions/*.session.ts', {
  import: 'default',
  eager: true,
});
const goldens = import.meta.glob<string>('/examples/sessions/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The text of examples/`file`; `tag` (`<Example>`) names who asks in the build's error. */
export function exampleSource(file: string, tag: string): string {
  const source = examples[`/examples/${file}`];
  if (source === undefined) throw new Error(`${tag}: examples/${file} does not exist`);
  return source;
}

/** A session's definition and its golden file; `tag` names who asks in the build's error. */
export function sessionOf(name: string, tag: string) {
  const file = `examples/sessions/${name}.txt`;
  const session = definitions[`/examples/sessions/${name}.session.ts`];
  if (!session) throw new Error(`${tag}: examples/sessions/${name}.session.ts does not exist`);
  const golden = goldens[`/${file}`];
  if (golden === undefined)
    throw new Error(`${tag}: ${file} is missing; run \`npm run sessions:update\``);
  return { session, golden, file };
}
