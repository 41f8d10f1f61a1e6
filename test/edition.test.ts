// The print edition's rewriting of a lesson (src/lib/edition.ts): many lessons on one page, so
// ids get the lesson's prefix and links follow them; the PDFs themselves: test/e2e/pdf.test.ts.
import { describe, expect, it } from 'vitest';
import { bindLesson, bookLink, editionOf, lessonAnchor } from '../src/lib/edition.ts';

const context = {
  slug: 'udp/echo',
  lessons: ['udp/netcat', 'udp/echo', 'appendix/glossary'],
  base: '',
  site: 'https://course.example/',
};
const en = { ...context, base: '/en' };

describe('bookLink', () => {
  it('keeps a link to a heading of the same lesson inside it', () => {
    expect(bookLink('#the-server', context)).toBe('#udp-echo--the-server');
  });

  it('points a link to another lesson, or to a heading in it, inside the book', () => {
    expect(bookLink('/udp/netcat/', context)).toBe('#udp-netcat');
    expect(bookLink('/udp/netcat/#a-armadilha-do-localhost', context)).toBe(
      '#udp-netcat--a-armadilha-do-localhost',
    );
    expect(bookLink('/en/appendix/glossary/#kernel', en)).toBe('#appendix-glossary--kernel');
    expect(bookLink('/udp/netcat', context)).toBe('#udp-netcat'); // no trailing slash
  });

  it('decodes a percent-encoded heading, as the ids are written', () => {
    expect(bookLink('/udp/netcat/#exerc%C3%ADcio', context)).toBe('#udp-netcat--exercício');
  });

  it("sends a link to a page that is not in the book to the site's address", () => {
    expect(bookLink('/code/udp-server.ts/', context)).toBe(
      'https://course.example/code/udp-server.ts/',
    );
    // A lesson of the other language is not in this book.
    expect(bookLink('/en/udp/netcat/', context)).toBe('https://course.example/en/udp/netcat/');
  });

  it('leaves outside links alone', () => {
    expect(bookLink('https://nodejs.org/en/download', context)).toBe(
      'https://nodejs.org/en/download',
    );
    expect(bookLink('//cdn.example/x', context)).toBe('//cdn.example/x');
  });
});

describe('bindLesson', () => {
  it('prefixes ids and the attributes that name them, and opens <details>', () => {
    const html =
      '<h2 id="o-servidor">O servidor</h2><section aria-labelledby="exercise-a b"><label for="x">' +
      '<details><summary>Dicas</summary></details><details open>';
    expect(bindLesson(html, context)).toBe(
      '<h2 id="udp-echo--o-servidor">O servidor</h2>' +
        '<section aria-labelledby="udp-echo--exercise-a udp-echo--b"><label for="udp-echo--x">' +
        '<details open><summary>Dicas</summary></details><details open>',
    );
  });

  it('rewrites the links of <a> tags only, not a stylesheet', () => {
    const html = '<link rel="stylesheet" href="/_astro/ec.css"><a href="/udp/netcat/">n</a>';
    expect(bindLesson(html, context)).toBe(
      '<link rel="stylesheet" href="/_astro/ec.css"><a href="#udp-netcat">n</a>',
    );
  });

  it('leaves code alone: text that looks like an attribute, and attributes that hold a ">"', () => {
    const code =
      '<span>&lt;a href="/udp/netcat/" id="x"&gt;</span>' +
      '<button data-code="a => b" id="copy">c</button>';
    expect(bindLesson(code, context)).toBe(
      '<span>&lt;a href="/udp/netcat/" id="x"&gt;</span>' +
        '<button data-code="a => b" id="udp-echo--copy">c</button>',
    );
  });
});

it("names each language's PDF and print page", () => {
  expect(editionOf(undefined).pdf).toBe('/sockets-e-portas.pdf');
  expect(editionOf('en')).toEqual({
    locale: 'en',
    page: '/en/print/',
    pdf: '/en/sockets-and-ports.pdf',
  });
  expect(lessonAnchor('appendix/socket-api')).toBe('appendix-socket-api');
});
