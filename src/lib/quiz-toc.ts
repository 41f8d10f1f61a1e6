// Starlight route middleware (astro.config.mjs, routeMiddleware): a lesson with self-check
// questions lists them in its table of contents, just before its exercise, where <Quiz> sits
// (test/quiz.test.ts holds every lesson to that place). Starlight builds the table from the
// page's Markdown headings, and the quiz's heading comes from a component.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { anchorOf } from './glossary.ts';

const lessons = new Set(
  Object.keys(import.meta.glob('/src/content/quizzes/**/*.ts')).map((path) =>
    path.replace(/^\/src\/content\/quizzes\/|\.ts$/g, ''),
  ),
);

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const lesson = route.id.replace(/^en\//, '');
  if (!route.toc || !lessons.has(lesson)) return;
  const text = context.locals.t('quiz.heading');
  const items = route.toc.items;
  const exercise = items.findIndex((item) => /^exerc/.test(item.slug));
  items.splice(exercise < 0 ? items.length : exercise, 0, {
    depth: 2,
    slug: anchorOf(text),
    text,
    children: [],
  });
});
