import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        // The commit of the other language's page that this one was last brought in line with
        // (src/lib/translations.ts); only needed when a page is updated without its twin.
        twinCommit: z
          .string()
          .regex(/^[0-9a-f]{7,40}$/)
          .optional(),
      }),
    }),
  }),
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
        'exercise.watch': z.string().optional(),
        'exercise.tryFirst': z.string().optional(),
        'exercise.solution': z.string().optional(),
        'edition.download': z.string().optional(),
        'edition.title': z.string().optional(),
        'edition.contents': z.string().optional(),
        'edition.online': z.string().optional(),
        'edition.version': z.string().optional(),
        'translation.stale': z.string().optional(),
        'translation.readTwin': z.string().optional(),
        'quiz.heading': z.string().optional(),
        'quiz.intro': z.string().optional(),
        'quiz.yourAnswer': z.string().optional(),
        'quiz.check': z.string().optional(),
        'quiz.answer': z.string().optional(),
        'quiz.right': z.string().optional(),
        'quiz.wrong': z.string().optional(),
        'quiz.rightIs': z.string().optional(),
        'quiz.choose': z.string().optional(),
        'quiz.typeNumber': z.string().optional(),
        'quiz.markRight': z.string().optional(),
        'quiz.markWrong': z.string().optional(),
        'quiz.source': z.string().optional(),
        'verified.heading': z.string().optional(),
        'verified.run': z.string().optional(),
        'verified.someRun': z.string().optional(),
        'verified.fromCommit': z.string().optional(),
        'verified.uncommitted': z.string().optional(),
        'verified.again': z.string().optional(),
        'verified.unverified': z.string().optional(),
        'packets.download': z.string().optional(),
      }),
    }),
  }),
};
