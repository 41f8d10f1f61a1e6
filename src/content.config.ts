import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

// An interface string of the course: required in both languages, so that a string missing from
// either src/content/i18n/<lang>.json fails the build.
const text = z.string().min(1);

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
        'example.wholeFile': text,
        'session.terminal': text,
        'session.server': text,
        'session.client': text,
        'session.capture': text,
        'session.onHost': text,
        'session.variesMark': text,
        'session.varies': text,
        'session.copy': text,
        'session.copied': text,
        'code.description': text,
        'code.intro': text,
        'code.run': text,
        'code.usedIn': text,
        'exercise.label': text,
        'exercise.edit': text,
        'exercise.check': text,
        'exercise.hints': text,
        'exercise.watch': text,
        'exercise.tryFirst': text,
        'exercise.solution': text,
        'edition.download': text,
        'edition.title': text,
        'edition.contents': text,
        'edition.online': text,
        'edition.version': text,
        'translation.stale': text,
        'translation.readTwin': text,
        'quiz.heading': text,
        'quiz.intro': text,
        'quiz.yourAnswer': text,
        'quiz.check': text,
        'quiz.answer': text,
        'quiz.right': text,
        'quiz.wrong': text,
        'quiz.rightIs': text,
        'quiz.choose': text,
        'quiz.typeNumber': text,
        'quiz.markRight': text,
        'quiz.markWrong': text,
        'quiz.source': text,
        'verified.heading': text,
        'verified.run': text,
        'verified.someRun': text,
        'verified.fromCommit': text,
        'verified.uncommitted': text,
        'verified.again': text,
        'verified.unverified': text,
        'packets.download': text,
        'packets.oneByte': text,
        'packets.bytes': text,
        'packets.unreachable': text,
        'packets.describe': text,
        'packets.caption': text,
        'glossary.explainedIn': text,
        'lab.caption': text,
        'lab.summary': text,
        'lab.run': text,
      }),
    }),
  }),
};
