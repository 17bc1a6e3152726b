import en from '../../locales/en.json' with { type: 'json' };
import { closest, type Problem } from '../shared/errors.ts';
import { availableLocales, keysOf, localeFileFor, valueAt } from '../shared/locales.ts';
import { placeholders } from '../shared/placeholders.ts';
import { problemAt } from './checks.ts';
import { PROBLEMS } from './problems.ts';
import type { Site } from './schema.ts';
import { lineAt, lineOfKey, type YamlSource } from './yaml-source.ts';

/**
 * The site file's `strings:` checked: interface strings to replace, by language. Every language's
 * file has English's keys and placeholders (test/view/i18n.test.ts), so English is the reference
 * for all of them; each language is checked, not only the site's.
 */

const KEYS = keysOf(en);

/** Sections that describe the locale file rather than say something on a page. */
const FIXED = new Set(['language']);

/** Checks the site's `strings:`; pushes each problem at the line of the key it is about. */
export function checkStrings(site: Site, source: YamlSource, problems: Problem[], available = availableLocales()): void {
  const at = problemAt(source.file);
  for (const [tag, sections] of Object.entries(site.strings ?? {})) {
    if (localeFileFor(tag, available) === undefined) {
      problems.push(at(lineOfKey(source, ['strings'], tag), PROBLEMS.unknownLanguage(tag, closest(tag, available), available)));
      continue;
    }
    for (const [section, entries] of Object.entries(sections)) {
      if (FIXED.has(section)) {
        problems.push(at(lineOfKey(source, ['strings', tag], section), PROBLEMS.fixedSection(tag, section)));
        continue;
      }
      for (const [key, text] of Object.entries(entries)) {
        const problem = stringProblem(tag, `${section}.${key}`, text);
        if (problem) problems.push(at(lineAt(source, ['strings', tag, section, key]), problem));
      }
    }
  }
}

function stringProblem(tag: string, key: string, text: string) {
  const original = valueAt(en, key);
  if (typeof original !== 'string') return PROBLEMS.unknownString(tag, key, closest(key, KEYS));
  if (!text.trim()) return PROBLEMS.emptyString(tag, key);
  const needed = placeholders(original);
  const used = placeholders(text);
  const missing = needed.filter((p) => !used.includes(p));
  if (missing.length) return PROBLEMS.placeholderLeftOut(tag, key, [...new Set(missing)], original);
  const unknown = used.filter((p) => !needed.includes(p));
  if (unknown.length) return PROBLEMS.placeholderUnknown(tag, key, [...new Set(unknown)], [...new Set(needed)]);
  return undefined;
}
