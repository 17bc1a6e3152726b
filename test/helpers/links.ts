import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cssReferences, existingKey, htmlReferences, resolveReference, siteLocation } from '../../src/deploy/links.ts';

/** Every file of a built site, as bucket keys; Pagefind's own index files are its business. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((key) => !key.startsWith('pagefind/'))
    .sort();
}

/** Absolute addresses written anywhere in a text (feeds, sitemap, API, calendar). */
const absoluteUrls = (text: string) => [...text.matchAll(/https?:\/\/[^\s"'<>\\]+/g)].map((m) => m[0].replace(/[.,;)]+$/, ''));

/** The addresses a file refers to, by its kind. */
function referencesOf(key: string, text: string): string[] {
  if (key.endsWith('.html')) return htmlReferences(text);
  if (key.endsWith('.css')) return cssReferences(text);
  // iCalendar folds long lines: a line starting with a space continues the one before.
  if (key.endsWith('.ics')) return absoluteUrls(text.replace(/\r?\n[ \t]/g, ''));
  if (/\.(atom|rss|xml|json|txt)$/.test(key)) return absoluteUrls(key.endsWith('.json') ? JSON.stringify(JSON.parse(text)) : text);
  return [];
}

/** Each address in a page, stylesheet, feed, sitemap, API file or calendar that names no built file. */
export function brokenLinks(dir: string, siteUrl: string): string[] {
  const site = siteLocation(siteUrl);
  const keys = new Set(filesOf(dir));
  const broken: string[] = [];
  for (const key of keys) {
    if (!/\.(html|css|ics|atom|rss|xml|json|txt)$/.test(key)) continue;
    for (const ref of referencesOf(key, readFileSync(path.join(dir, key), 'utf8'))) {
      const target = resolveReference(ref, key, site);
      if (target.kind === 'outside') broken.push(`${key}: ${ref} is outside ${site.basePath}`);
      else if (target.kind === 'local' && !existingKey(target.key, keys)) broken.push(`${key}: ${ref} (no ${target.key})`);
    }
  }
  return broken;
}

