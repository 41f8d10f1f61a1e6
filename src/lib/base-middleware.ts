// Starlight route middleware (astro.config.mjs, routeMiddleware): the home page's hero buttons
// link from the site's root (link: /basics/before-you-start/); under a base path (./base.ts)
// they lead to /REPO/basics/before-you-start/. Starlight's own links (sidebar, pagination,
// language picker) follow the base on their own.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { base } from './base.ts';
import { heroAction } from './base-links.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const hero = route.entry.data.hero;
  if (!base || !hero?.actions.length) return;
  // A copy: the entry's data outlives this request (the dev server renders a page many times).
  route.entry = {
    ...route.entry,
    data: {
      ...route.entry.data,
      hero: { ...hero, actions: hero.actions.map((a) => heroAction(a)) },
    },
  };
});
