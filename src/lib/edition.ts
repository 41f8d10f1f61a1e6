// The course as a book: a page per language (/print/ and /en/print/, src/pages/) holds every
// lesson in course order behind a title page and a table of contents, and `npm run build:pdf`
// (src/lib/pdf-command.ts) prints each one to a PDF that the site links on every page.
//
// One page holds many lessons, so each lesson's ids get the lesson's prefix, and its links follow:
// a link to another lesson (or to a heading in it) becomes a link inside the book, a link to any
// other page of the site becomes the site's full address, and an outside link stays as it is.

import { withoutBase } from './base.ts';

export interface Edition {
  /** The locale's key in astro.config.mjs: undefined for the root locale (pt-BR). */
  locale: 'en' | undefined;
  /** Where the page that is printed lives on the site (from its root, without the base path). */
  page: string;
  /** Where its PDF is published, beside the site's pages (from the site's root, as `page`). */
  pdf: string;
}

export const editions: Edition[] = [
  { locale: undefined, page: '/print/', pdf: '/sockets-e-portas.pdf' },
  { locale: 'en', page: '/en/print/', pdf: '/en/sockets-and-ports.pdf' },
];

export const editionOf = (locale: string | undefined): Edition =>
  editions.find((e) => e.locale === locale) ?? editions[0];

/** A lesson's anchor in its book: udp/echo → udp-echo (a heading in it: udp-echo--the-server). */
export const lessonAnchor = (slug: string) => slug.replaceAll('/', '-');

export interface LessonContext {
  /** The lesson being placed, e.g. udp/echo. */
  slug: string;
  /** The lessons of the book (slugs without the locale), which links can point into. */
  lessons: string[];
  /** The locale's path prefix: '' or '/en'. */
  base: string;
  /** The site's address, for links to pages that are not in the book. */
  site: URL | string;
}

// A start tag, its quoted attribute values allowed to hold '>' (code in a copy button's data-code).
const START_TAG =
  /<[a-zA-Z][^\s/>]*(?:\s+[^\s"'=<>`/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;
const ID_ATTRIBUTE = /(\s)(id|for|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"/g;
const HREF = /(\s)href="([^"]*)"/g;

/**
 * A lesson's rendered HTML, made to live beside the others in one page: ids prefixed with the
 * lesson's anchor, links (<a href>) rewritten as the header says, and every <details> open (a page of paper
 * has nothing to click: hints and solutions are printed).
 */
export function bindLesson(html: string, context: LessonContext): string {
  const own = lessonAnchor(context.slug);
  const id = (value: string) => `${own}--${value}`;
  return html.replace(START_TAG, (tag) =>
    tag
      .replace(ID_ATTRIBUTE, (_, space, name, value: string) => {
        const ids = value.split(/\s+/).filter(Boolean).map(id).join(' ');
        return `${space}${name}="${ids}"`;
      })
      .replace(HREF, (all, space, href: string) =>
        /^<a\s/.test(tag) ? `${space}href="${bookLink(href, context)}"` : all,
      )
      .replace(/^<details(?=[\s>])(?![^>]*\sopen[\s=>])/, '<details open'),
  );
}

/** Where a link of a lesson leads in the book. */
export function bookLink(href: string, { slug, lessons, base, site }: LessonContext): string {
  if (href.startsWith('#')) {
    const hash = decode(href.slice(1));
    return hash ? `#${lessonAnchor(slug)}--${hash}` : `#${lessonAnchor(slug)}`;
  }
  if (!href.startsWith('/') || href.startsWith('//')) return href;
  const url = new URL(href.replace(/&amp;/g, '&'), site);
  const path = withoutBase(url.pathname).replace(/\/?$/, '');
  const target = lessons.find((lesson) => path === `${base}/${lesson}`);
  if (!target) return url.href.replace(/&/g, '&amp;');
  const hash = decode(url.hash.slice(1));
  return hash ? `#${lessonAnchor(target)}--${hash}` : `#${lessonAnchor(target)}`;
}

function decode(hash: string): string {
  try {
    return decodeURIComponent(hash);
  } catch {
    return hash;
  }
}
