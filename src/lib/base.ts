// Where the site lives under its domain, said once: at the root (https://example.org/), or under
// a path, as a fork's GitHub Pages project site (https://USER.github.io/REPO/). BASE_PATH says
// which ('/REPO'; unset or '/' for the root); the deploy workflow sets it. Astro's `base`
// (astro.config.mjs) comes from here, and so does every link the course writes itself: the
// lessons' own Markdown links (/tcp/closing/, rewritten by ./base-links.ts), the components'
// links, the print edition and its PDFs. Starlight's sidebar, search and language picker follow
// Astro's `base` on their own.

/** A base path as the site uses it: '' for the root, else '/REPO' (one leading slash, none after). */
export function basePath(value: string | undefined): string {
  const trimmed = (value ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '';
}

/** The site's base path: '' or '/REPO'. */
export const base = basePath(process.env.BASE_PATH);

/** A path written from the site's root, as the site's pages link to it: /tcp/ → /REPO/tcp/. */
export function withBase(path: string, prefix = base): string {
  return isRootRelative(path) ? `${prefix}${path}` : path;
}

/** A page's path without the base, as the course names its pages: /REPO/en/tcp/ → /en/tcp/. */
export function withoutBase(path: string, prefix = base): string {
  if (!prefix) return path;
  if (path === prefix) return '/';
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}

/** A link written from the site's root (/tcp/closing/), not a full address (//host, https:). */
export const isRootRelative = (link: string) => link.startsWith('/') && !link.startsWith('//');
