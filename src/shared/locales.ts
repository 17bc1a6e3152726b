import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the interface strings are and how their files are read: one JSON file per language in
 * locales/, nested sections of `key: text`. The content stage checks a site's `strings:` against
 * them, the view stage loads them (src/view/i18n.ts).
 */

export const LOCALES_DIR = path.resolve(import.meta.dirname, '../../locales');

/** Locale files shipped, by tag ("ar", "de", "en", …). */
export function availableLocales(dir = LOCALES_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** The locale file a tag uses: its own, else its language's ("de" for "de-CH"); undefined when neither exists. */
export const localeFileFor = (tag: string, available: readonly string[]) => [tag, tag.split('-')[0]!].find((t) => available.includes(t));

/** Every key path of a nested message object, like "incident.posted". */
export function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? keysOf(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** The value at a key path, or undefined. */
export function valueAt(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node !== null && typeof node === 'object' && Object.hasOwn(node, part) ? (node as Record<string, unknown>)[part] : undefined), messages);
}

