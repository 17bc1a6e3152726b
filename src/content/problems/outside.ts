import { braced, entry } from './entry.ts';

/**
 * Problems found past the content stage, worded here with the rest: the notifications config
 * (src/notify/config.ts), the interface strings files locales/*.json (src/view/i18n.ts), and the
 * warnings `check` gives that need the time of the check (src/authoring/check.ts).
 */

export const NOTIFY = {
  ledgerNameTwice: entry('ledger-name-twice', (where: string, name: string, first: string) => ({
    message: `${where} has the same ledger name "${name}" as ${first}`,
    hint: 'give one of them its own  name: …  (and never change a name once used)',
  })),
  noRecipients: entry('no-recipients', (where: string) => ({
    message: `${where} has no one to write to`,
    hint: 'add  to: [status-announce@example.org]  (a list address) or  recipients_file_env: STATUS_RECIPIENTS_FILE',
  })),
} as const;

/** `key` is a dotted key of a locale file, like `incident.posted`. */
export const LOCALES = {
  localeKeyMissing: entry('locale-key-missing', (key: string) => ({
    message: `${key} is missing`,
    hint: 'add it, translated from locales/en.json',
  })),
  localeKeyEmpty: entry('locale-key-empty', (key: string) => ({
    message: `${key} is empty`,
    hint: 'translate the text of locales/en.json',
  })),
  localePlaceholders: entry('locale-placeholders', (key: string, placeholders: readonly string[], english: string) => ({
    message: `${key} must use the placeholders ${braced(placeholders) || '(none)'}, like the English "${english}"`,
    hint: 'keep each {placeholder} as it is in locales/en.json; only the words around it are translated',
  })),
  localeKeyUnknown: entry('locale-key-unknown', (key: string) => ({
    message: `${key} is not a key of en.json`,
    hint: 'remove it, or compare its spelling with locales/en.json',
  })),
  localeFormat: entry('locale-format', (key: string, unknown: readonly string[], tokens: readonly string[]) => ({
    message: `${key} uses ${unknown.join(', ')}, which the pages cannot write`,
    hint: `use only ${tokens.join(' ')} (text in 'single quotes')`,
  })),
  localeDir: entry('locale-dir', () => ({
    message: 'language.dir must be "ltr" or "rtl"',
    hint: 'write "rtl" for a language written right to left, else "ltr"',
  })),
} as const;

export const CHECK = {
  openTooLong: entry('open-too-long', (days: number, since: string, id: string) => ({
    message: `this incident has been open for ${days} days (since ${since})`,
    hint: `post an update, or resolve it: npm run incident -- resolve ${id} --message "…"`,
  }), 'warning'),
  updateInFuture: entry('update-in-future', (at: string) => ({
    message: `this update is dated in the future (${at}); it stays hidden until then`,
    hint: 'check the date and the time zone (times without an offset are in the site time zone)',
  }), 'warning'),
} as const;
