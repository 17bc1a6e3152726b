import { braced, entry, guessOr } from './entry.ts';

/**
 * The site file beyond its schema: finding it, ids used twice and groups named (src/content/site.ts),
 * its language and `strings:` (src/content/strings.ts). The ids a notifications channel names
 * (src/notify/config.ts) are reported in the same words.
 */

export const SITE = {
  siteFileMissing: entry('site-file-missing', (expected: string) => ({
    message: `no site file: expected ${expected}`,
    hint: 'run the command from the repository root, or pass --content <dir>',
  })),
  duplicateSiteId: entry('duplicate-site-id', (kind: 'group' | 'component', id: string) => ({
    message: `${kind} id "${id}" is used twice`,
    hint: 'give each one its own id',
  })),
  /** `where` names what points at the group: `component "web-apps"`, `notifications.slack[1].groups`. */
  unknownGroup: entry('unknown-group', (where: string, id: string, guess: string | undefined, known: readonly string[]) => ({
    message: `${where} names group "${id}", which is not in groups`,
    hint: guessOr(guess, `use one of: ${known.join(', ') || '(add a groups: list first)'}`),
  })),
  /** `key`: `locale` or `strings.<tag>`. The view says the same when content made in memory names one. */
  unknownLanguage: entry('unknown-language', (key: string, tag: string, guess: string | undefined, available: readonly string[]) => ({
    message: `${key}: there are no interface strings for the language "${tag}"`,
    hint: guessOr(guess, `use one of ${available.join(', ')}`),
  })),

  /* strings: */
  fixedSection: entry('fixed-section', (tag: string, section: string) => ({
    message: `strings.${tag}.${section} cannot be replaced: it describes the language file itself`,
    hint: 'remove it; choose the language with  locale:  in the site file',
  })),
  unknownString: entry('unknown-string', (tag: string, key: string, guess: string | undefined) => ({
    message: `strings.${tag}.${key} is not an interface string`,
    hint: guessOr(guess, 'use a key of locales/en.json, like  site: { history: Past incidents }'),
  })),
  emptyString: entry('empty-string', (tag: string, key: string) => ({
    message: `strings.${tag}.${key} is empty`,
    hint: 'write the text, or remove the key to keep the built-in one',
  })),
  placeholderLeftOut: entry('placeholder-left-out', (tag: string, key: string, missing: readonly string[], original: string) => ({
    message: `strings.${tag}.${key} leaves out ${braced(missing)}, which the page fills in`,
    hint: `keep ${braced(missing)} in the text, as in "${original}"`,
  })),
  placeholderUnknown: entry('placeholder-unknown', (tag: string, key: string, unknown: readonly string[], known: readonly string[]) => ({
    message: `strings.${tag}.${key} uses ${braced(unknown)}, which nothing fills in`,
    hint: known.length ? `use only ${braced(known)}` : 'remove it: this text has no placeholders',
  })),
} as const;
