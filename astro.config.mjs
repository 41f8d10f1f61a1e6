// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import starlightLinksValidator from 'starlight-links-validator';
import { base, withBase } from './src/lib/base.ts';
import { baseLinks } from './src/lib/base-links.ts';
import { glossaryLinks } from './src/lib/glossary.ts';
import { repositoryUrl } from './src/lib/repository.ts';

// The course order lives here, once: the sidebar, prev/next links and the
// browser tests all follow it. Each lesson has one file name in both languages
// (src/content/docs/<slug>.mdx and src/content/docs/en/<slug>.mdx).
export const course = [
  {
    label: 'Fundamentos',
    translations: { en: 'Basics' },
    items: ['basics/before-you-start', 'basics/node-events', 'basics/sockets-and-ports'],
  },
  {
    label: 'UDP',
    translations: { en: 'UDP' },
    items: ['udp/netcat', 'udp/echo', 'udp/datagram-size', 'udp/loss-and-retries'],
  },
  {
    label: 'TCP',
    translations: { en: 'TCP' },
    items: [
      'tcp/client-server',
      'tcp/many-connections',
      'tcp/one-thread',
      'tcp/streams',
      'tcp/closing',
      'tcp/packets',
      'tcp/web-server',
    ],
  },
  {
    label: 'Em volta da conexão',
    translations: { en: 'Around a connection' },
    items: ['around/names', 'around/tls', 'around/timeouts', 'around/chat'],
  },
  {
    label: 'Fora da sua máquina',
    translations: { en: 'Beyond your machine' },
    items: ['beyond/other-hosts', 'beyond/firewalls', 'beyond/nat', 'beyond/mtu', 'beyond/loss'],
  },
  {
    label: 'Apêndice',
    translations: { en: 'Appendix' },
    items: ['appendix/socket-api', 'appendix/errors', 'appendix/glossary'],
  },
];

// The glossary's anchors (#kernel, #4-tupla…) are ids that <Glossary /> writes, which the links
// validator cannot see in the page's source: a link to one of them is accepted when the term
// exists in that language (glossaryLinks), so a misspelt anchor still fails the build.
const glossaryAnchors = new Set([...glossaryLinks()].map((link) => withBase(link)));

// A wide table scrolls sideways on a phone (Starlight's tables are scroll boxes); a tab stop lets
// a keyboard reach and scroll it, with or without JavaScript. The plugin joins those of Astro's
// Markdown processor (Sätteri), as Starlight's own do.
/** @type {import('satteri').HastPluginDefinition} */
const tableTabStops = {
  name: 'table-tab-stops',
  element: [{ filter: ['table'], visit: (node, ctx) => ctx.setProperty(node, 'tabIndex', 0) }],
};
/** @type {import('astro').AstroIntegration} */
const tablesTakeFocus = {
  name: 'tables-take-focus',
  hooks: {
    'astro:config:setup': ({ config }) => {
      const options = /** @type {{ hastPlugins: import('satteri').HastPluginEntry[] }} */ (
        config.markdown.processor.options
      );
      options.hastPlugins.push(tableTabStops);
    },
  },
};

// Where the site is published (canonical URLs, sitemap, social previews): SITE_URL, the domain,
// and BASE_PATH, the path under it ('/REPO' for a GitHub Pages project site, src/lib/base.ts).
// The deploy workflow sets both; the placeholder keeps local builds working.
const site = process.env.SITE_URL || 'https://sockets-e-portas.example.org';

export default defineConfig({
  site,
  base: base || '/',
  integrations: [
    // The lessons' Markdown links, written from the site's root, follow the base.
    baseLinks(),
    starlight({
      title: { 'pt-BR': 'Sockets e Portas', en: 'Sockets and Ports' },
      description: 'Um curso de sockets e portas: UDP, TCP e a API de sockets, com código testado.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'Português do Brasil', lang: 'pt-BR' },
        en: { label: 'English', lang: 'en' },
      },
      sidebar: course,
      // The course's repository (src/lib/repository.ts): each page's edit link and the GitHub link.
      editLink: { baseUrl: `${repositoryUrl}/edit/main/` },
      social: [{ icon: 'github', label: 'GitHub', href: repositoryUrl }],
      customCss: ['./src/styles/course.css', './src/styles/quiz.css'],
      // Every page links to the course as a PDF in its language (footer), and says so when its
      // twin in the other language has changed since it was last brought in line (under the title).
      components: {
        Footer: './src/components/overrides/Footer.astro',
        PageTitle: './src/components/overrides/PageTitle.astro',
      },
      // A lesson's self-check questions in its table of contents (src/components/Quiz.astro).
      // The home page's buttons follow the base path (src/lib/base-middleware.ts).
      routeMiddleware: ['./src/lib/quiz-toc.ts', './src/lib/base-middleware.ts'],
      head: [
        // The picture a link preview shows (public/og.png, 1200×630).
        {
          tag: 'meta',
          attrs: { property: 'og:image', content: new URL(withBase('/og.png'), site).href },
        },
        {
          tag: 'meta',
          attrs: { property: 'og:image:alt', content: 'Sockets e Portas / Sockets and Ports' },
        },
      ],
      // Code blocks: ec.config.mjs.
      lastUpdated: false,
      pagination: true,
      // Fails the build on a broken link or #anchor in any lesson, in both languages.
      plugins: [
        starlightLinksValidator({
          errorOnRelativeLinks: false,
          exclude: ({ link }) => glossaryAnchors.has(link),
        }),
      ],
    }),
    tablesTakeFocus,
  ],
  // Rolldown warns, once per page, that Astro's "use astro:head-inject" marker in each lesson
  // "may not be preserved when bundling"; Astro reads it before bundling, so nothing is lost
  // (withastro/astro#18087). The course's own code has no module-level directive.
  vite: { build: { rolldownOptions: { checks: { moduleLevelDirective: false } } } },
});
