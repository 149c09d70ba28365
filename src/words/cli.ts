/** The CLI's words in Dutch and English (summaries and messages; errors built deep in stages stay English). */
import type { Catalogue } from './catalogue.ts';

/** Every word the CLI prints outside the analysis text; a key without its Dutch (or English) side does not compile. */
export const CLI_WORDS = {
  placeholder: { en: '', nl: '' },
} as const satisfies Catalogue;
