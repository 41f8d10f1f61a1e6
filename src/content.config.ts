import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  // The course's own interface strings, beside Starlight's, in src/content/i18n/<lang>.json.
  i18n: defineCollection({
    loader: i18nLoader(),
    schema: i18nSchema({
      extend: z.object({
        'example.wholeFile': z.string().optional(),
        'session.label': z.string().optional(),
        'session.terminal': z.string().optional(),
        'session.server': z.string().optional(),
        'session.client': z.string().optional(),
        'session.capture': z.string().optional(),
        'session.onHost': z.string().optional(),
        'session.variesMark': z.string().optional(),
        'session.varies': z.string().optional(),
        'session.copy': z.string().optional(),
        'session.copied': z.string().optional(),
        'code.description': z.string().optional(),
        'code.intro': z.string().optional(),
        'code.run': z.string().optional(),
        'code.usedIn': z.string().optional(),
        'exercise.label': z.string().optional(),
        'exercise.edit': z.string().optional(),
        'exercise.check': z.string().optional(),
        'exercise.hints': z.string().optional(),
        'exercise.solution': z.string().optional(),
      }),
    }),
  }),
};
