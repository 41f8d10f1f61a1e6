// @ts-check
// The code blocks' options (Expressive Code), in a file of their own: the <Code> component that
// shows examples needs them here, as plain module exports, not inside astro.config.mjs.
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import {
  pluginCollapsibleSections,
  pluginCollapsibleSectionsTexts,
} from '@expressive-code/plugin-collapsible-sections';

// Code pages collapse an example's command-line tail (its `cli` region): what the folded lines are.
pluginCollapsibleSectionsTexts.addLocale('pt-BR', {
  collapsedLines:
    '{lineCount} {lineCount;1=linha;linhas}: as opções da linha de comando e as mensagens de erro',
});
pluginCollapsibleSectionsTexts.overrideTexts('en', {
  collapsedLines: '{lineCount} {lineCount;1=line;lines}: command-line options and error messages',
});

export default defineEcConfig({
  // One dark theme for code in both site themes: code looks like the terminals beside
  // it, and each token carries one colour instead of two (lighter pages).
  themes: ['starlight-dark'],
  plugins: [pluginCollapsibleSections()],
  // Long lines wrap instead of scrolling sideways: readable on a phone, and no
  // scrollable regions that keyboard users would have to tab into.
  defaultProps: { wrap: true, collapseStyle: 'collapsible-auto' },
});
