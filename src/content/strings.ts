import en from '../../locales/en.json' with { type: 'json' };
import { closest, type Problem } from '../shared/errors.ts';
import { availableLocales, keysOf, localeFileFor, valueAt } from '../shared/locales.ts';
import { placeholders } from '../shared/placeholders.ts';
import { PROBLEMS, problemAt } from './problems/index.ts';
import type { Site } from './schema.ts';
import { lineAt, lineOfKey, type YamlSource } from './yaml-source.ts';

/**
 * The site file's `locale:` and `strings:` checked: a language there are strings for, and interface
 * strings to replace, by language. Every language's
 * file has English's keys and placeholders (test/view/i18n.test.ts), so English is the reference
 * for all of them; each language is checked, not only the site's.
 */

const KEYS = keysOf(en);

/** Sections that describe the locale file rather than say something on a page. */
const FIXED = new Set(['language']);

/**
 * Checks the site's `locale:` and `strings:`; pushes each problem at the line of the key it is
 * about. The view would refuse a locale without a strings file too, but only at build time.
 */
export function checkStrings(site: Site, source: YamlSource, problems: Problem[], available = availableLocales()): void {
  const at = problemAt(source.file);
  const unknown = (tag: string) => localeFileFor(tag, available) === undefined;
  if (unknown(site.locale)) problems.push(at(lineAt(source, ['locale']), PROBLEMS.unknownLanguage('locale', site.locale, closest(site.locale, available), available)));
  for (const [tag, sections] of Object.entries(site.strings ?? {})) {
    if (unknown(tag)) {
      problems.push(at(lineOfKey(source, ['strings'], tag), PROBLEMS.unknownLanguage(`strings.${tag}`, tag, closest(tag, available), available)));
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
