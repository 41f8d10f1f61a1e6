// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

// The course order lives here, once: the sidebar, prev/next links and the
// browser tests all follow it. Each lesson has one file name in both languages
// (src/content/docs/<slug>.mdx and src/content/docs/en/<slug>.mdx).
const course = [
  {
    label: 'UDP',
    translations: { en: 'UDP' },
    items: ['udp/echo'],
  },
];

export default defineConfig({
  site: 'https://sockets-e-portas.example.org',
  integrations: [
    starlight({
      title: { 'pt-BR': 'Sockets e Portas', en: 'Sockets and Ports' },
      description: 'Um curso de sockets e portas: UDP, TCP e a API de sockets, com código testado.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'Português do Brasil', lang: 'pt-BR' },
        en: { label: 'English', lang: 'en' },
      },
      sidebar: course,
      customCss: ['./src/styles/course.css'],
      lastUpdated: false,
      pagination: true,
    }),
  ],
});
