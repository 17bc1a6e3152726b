import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROBLEMS, problemAt, type Said, type Site } from '../content/index.ts';
import { formatDay, formatTime } from '../shared/format.ts';
import { STAMP_TOKENS, stampParts } from '../shared/stamp.ts';
import { StatusError } from '../shared/errors.ts';
import { availableLocales, keysOf, LOCALES_DIR, localeFileFor, valueAt } from '../shared/locales.ts';
import { fill, placeholders } from '../shared/placeholders.ts';
import en from '../../locales/en.json' with { type: 'json' };

/**
 * Interface strings: one JSON file per language in locales/, English being the reference every
 * other file must match key for key. `{name}`-style placeholders are filled in by `fill`.
 */

export type Messages = typeof en;

export { availableLocales, keysOf, LOCALES_DIR, placeholders, valueAt };
export { around, fill } from '../shared/placeholders.ts';

export interface Locale {
  /** The tag from the site file, used for luxon and Intl formatting ("en", "de-CH"). */
  tag: string;
  /** The locale file used ("de" for "de-CH" when there is no de-CH.json). */
  file: string;
  dir: 'ltr' | 'rtl';
  messages: Messages;
}

/** Problems of one locale file against English: missing, extra, empty or differently parameterised keys. */
export function localeProblems(messages: unknown): Said[] {
  const problems: Said[] = [];
  const reference = keysOf(en);
  for (const key of reference) {
    const value = valueAt(messages, key);
    const english = valueAt(en, key) as string;
    if (typeof value !== 'string') problems.push(PROBLEMS.localeKeyMissing(key));
    else if (!value.trim()) problems.push(PROBLEMS.localeKeyEmpty(key));
    else if (placeholders(value).join() !== placeholders(english).join()) problems.push(PROBLEMS.localePlaceholders(key, placeholders(english), english));
  }
  if (messages !== null && typeof messages === 'object') {
    const known = new Set(reference);
    for (const key of keysOf(messages)) if (!known.has(key)) problems.push(PROBLEMS.localeKeyUnknown(key));
  }
  for (const key of ['formats.stamp', 'formats.day', 'formats.month']) {
    const format = valueAt(messages, key);
    const unknown = typeof format === 'string' ? stampParts(format).unknown : [];
    if (unknown.length) problems.push(PROBLEMS.localeFormat(key, unknown, STAMP_TOKENS));
  }
  const dir = valueAt(messages, 'language.dir');
  if (dir !== undefined && dir !== 'ltr' && dir !== 'rtl') problems.push(PROBLEMS.localeDir());
  return problems;
}

/** Reads the locale file for a tag ("de-CH" falls back to "de"); throws a StatusError listing every problem. */
export function loadLocale(tag: string, dir = LOCALES_DIR): Locale {
  const available = availableLocales(dir);
  const file = localeFileFor(tag, available);
  if (!file) {
    // The content check refuses such a site file at its line; content made in memory arrives here.
    throw new StatusError('CONTENT', `no interface strings for locale "${tag}"`, [problemAt('content/site.yml')(1, PROBLEMS.unknownLanguage('locale', tag, undefined, available))]);
  }
  const source = path.join(dir, `${file}.json`);
  let messages: unknown;
  try {
    messages = JSON.parse(readFileSync(source, 'utf8'));
  } catch (error) {
    throw new StatusError('CONTENT', `${source} is not valid JSON`, [], { cause: error });
  }
  const problems = localeProblems(messages);
  if (problems.length) {
    throw new StatusError(
      'CONTENT',
      `${problems.length} problem(s) in locales/${file}.json`,
      problems.map((said) => problemAt(`locales/${file}.json`)(1, said)),
    );
  }
  const m = messages as Messages;
  return { tag, file, dir: m.language.dir === 'rtl' ? 'rtl' : 'ltr', messages: m };
}

/**
 * The site's locale with its `strings:` applied over the file's: those of the file's language
 * first, then those of the exact tag ("de", then "de-CH"). The content stage checked every key
 * and placeholder, so each replacement fits where the original went.
 */
export function siteLocale(site: Pick<Site, 'locale' | 'strings'>, dir = LOCALES_DIR): Locale {
  const locale = loadLocale(site.locale, dir);
  const overrides = [...new Set([locale.file, locale.tag])].map((tag) => site.strings?.[tag]).filter((o) => o !== undefined);
  if (!overrides.length) return locale;
  const messages = structuredClone(locale.messages) as unknown as Record<string, Record<string, string>>;
  for (const sections of overrides) {
    for (const [section, entries] of Object.entries(sections)) Object.assign(messages[section] ?? {}, entries);
  }
  return { ...locale, messages: messages as unknown as Messages };
}

/** Every string of a message tree with the given placeholders filled in. */
export function fillAll<T>(messages: T, params: Record<string, string>): T {
  if (typeof messages === 'string') return fill(messages, params) as T;
  if (messages === null || typeof messages !== 'object') return messages;
  return Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, fillAll(v, params)])) as T;
}

/* ------------------------------------------------------------------ dates and numbers */

/** A time stamp in the locale's format; English reads "Feb 18, 2021 - 16:18 UTC", as on Statuspage. */
export const stampIn = (ms: number, zone: string, l: Locale) => formatTime(ms, { zone, locale: l.tag }, l.messages.formats.stamp);

/** A calendar day ("2026-11-20") as the locale writes it. */
export const dayIn = (isoDate: string, zone: string, l: Locale) => formatDay(isoDate, { zone, locale: l.tag }, l.messages.formats.day);

/** The month of an instant, as a heading ("November 2026"). */
export const monthIn = (ms: number, zone: string, l: Locale) => formatTime(ms, { zone, locale: l.tag }, l.messages.formats.month);

const percentFormats = new Map<string, Intl.NumberFormat>();
const percentFormat = (tag: string) => {
  let f = percentFormats.get(tag);
  if (!f) percentFormats.set(tag, (f = new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 })));
  return f;
};

/** An uptime ratio, rounded down so 99.999% never reads 100.00%. */
export function percentIn(ratio: number | null, l: Locale): string {
  if (ratio === null) return l.messages.bars.noData;
  const floored = Math.floor(ratio * 10000) / 10000;
  return percentFormat(l.tag).format(floored);
}

// Making an Intl.NumberFormat costs far more than using one, and 10,000 incidents each need a duration.
const unitFormats = new Map<string, Intl.NumberFormat>();
/** A unit's format ("2 hours"), or with no unit a plain number's ("1,440"). */
function unitFormat(tag: string, unit: string, unitDisplay: 'long' | 'short' = 'long'): Intl.NumberFormat {
  const key = `${tag} ${unit} ${unitDisplay}`;
  let f = unitFormats.get(key);
  if (!f) unitFormats.set(key, (f = new Intl.NumberFormat(tag, unit ? { style: 'unit', unit, unitDisplay } : {})));
  return f;
}

/** How long something lasted: "1 hour 28 minutes", "2 days 3 hours" (minutes dropped after a day). */
export function durationIn(fromMs: number, toMs: number, l: Locale): string {
  const minutes = Math.max(0, Math.round((toMs - fromMs) / 60000));
  const days = Math.floor(minutes / 1440);
  const parts: [number, string][] = [
    [days, 'day'],
    [Math.floor((minutes % 1440) / 60), 'hour'],
    [days ? 0 : minutes % 60, 'minute'],
  ];
  const text = parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => unitFormat(l.tag, unit).format(n))
    .join(' ');
  return text || l.messages.incident.underMinute;
}

/** A latency as the locale writes it: "182 ms" (whole milliseconds). */
export const msIn = (ms: number, l: Locale) => unitFormat(l.tag, 'millisecond', 'short').format(Math.round(ms));

/** A count as the locale writes it: "1,440". */
export const countIn = (n: number, l: Locale) => unitFormat(l.tag, '').format(n);
