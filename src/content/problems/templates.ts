import { entry, guessOr } from './entry.ts';

/**
 * Incident templates (templates/*.md in the content folder, src/content/templates.ts): the file
 * an alert's draft or `incident new --template` is written from, and the names that point at one.
 * The front matter's keys are worded by the schema entries like any file's.
 */

export const TEMPLATES = {
  /** `where`: what named it (`alerts.template`, `--template`); `known`: the templates there are. */
  templateUnknown: entry('template-unknown', (where: string, name: string, guess: string | undefined, known: readonly string[]) => ({
    message: `${where} names the incident template "${name}", but there is no templates/${name}.md in the content folder`,
    hint: guessOr(guess, known.length ? `use one of: ${known.join(', ')}; or write templates/${name}.md` : `write templates/${name}.md (README, "Incident templates"), or leave it out for the built-in one`),
  })),
  templatePlaceholderUnknown: entry('template-placeholder-unknown', (written: string, guess: string | undefined, known: readonly string[]) => ({
    message: `{{${written}}} is not a placeholder templates can use`,
    hint: guessOr(guess && `{{${guess}}}`, `use ${known.map((k) => `{{${k}}}`).join(' or ')}, or write the text itself`),
  })),
} as const;
