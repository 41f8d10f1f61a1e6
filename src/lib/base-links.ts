// The lessons' links follow the site's base path (./base.ts): a lesson links another as
// [closing](/tcp/closing/), written from the site's root, and on a site that lives under /REPO/
// this Markdown step makes it /REPO/tcp/closing/ before anything reads it, the links validator
// included. The home page's hero buttons are frontmatter, which the page draws from the content
// collection: ./base-middleware.ts rewrites them there, and this step in the copy the validator
// reads. With no base, nothing changes.
import type { AstroIntegration } from 'astro';
import { defineMdastPlugin } from 'satteri';
import { base, withBase } from './base.ts';

interface HeroAction {
  link?: unknown;
}

/** The Markdown step for one base path ('/REPO'). */
export function baseLinksPlugin(prefix: string) {
  return defineMdastPlugin({
    name: 'base-links',
    before(_root, ctx) {
      const astro = ctx.data.astro as { frontmatter?: Record<string, unknown> } | undefined;
      const hero = astro?.frontmatter?.hero as { actions?: HeroAction[] } | undefined;
      if (!astro?.frontmatter || !hero?.actions) return;
      astro.frontmatter = {
        ...astro.frontmatter,
        hero: { ...hero, actions: hero.actions.map((a) => heroAction(a, prefix)) },
      };
    },
    link(node, ctx) {
      if (withBase(node.url, prefix) !== node.url)
        ctx.setProperty(node, 'url', withBase(node.url, prefix));
    },
    definition(node, ctx) {
      if (withBase(node.url, prefix) !== node.url)
        ctx.setProperty(node, 'url', withBase(node.url, prefix));
    },
  });
}

export function heroAction<A extends HeroAction>(action: A, prefix = base): A {
  return typeof action.link === 'string'
    ? { ...action, link: withBase(action.link, prefix) }
    : action;
}

/** Adds the step to the site's Markdown processor (Astro's default, satteri) when there is a base. */
export function baseLinks(): AstroIntegration {
  return {
    name: 'base-links',
    hooks: {
      'astro:config:setup': ({ config }) => {
        if (!base) return;
        const processor = config.markdown.processor as {
          name: string;
          options: { mdastPlugins?: unknown[] };
        };
        if (processor.name !== 'satteri' || !processor.options.mdastPlugins) {
          throw new Error(
            `BASE_PATH=${base}: the lessons' links follow it only with the satteri Markdown processor`,
          );
        }
        processor.options.mdastPlugins.push(baseLinksPlugin(base));
      },
    },
  };
}
