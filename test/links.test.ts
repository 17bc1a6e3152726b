import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { cssReferences, existingKey, htmlReferences, resolveReference, siteLocation } from '../src/deploy/links.ts';
import { build, sampleSite } from './helpers/build.ts';

/**
 * Crawls a built site: every address written in a page, stylesheet, feed, sitemap, API file or the
 * calendar that points into the site must name a file the build wrote (shortlinks included), at the
 * root and under a sub-path. Pagefind's own index files are its business and are skipped.
 */

const SAMPLE = path.resolve(import.meta.dirname, '../content');
const temp: string[] = [];
after(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

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

function brokenLinks(dir: string, siteUrl: string): string[] {
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

describe('every internal link of a built site resolves', () => {
  it('at the root', () => {
    const out = sampleSite();
    const siteUrl = /^url: *(\S+)/m.exec(readFileSync(path.join(SAMPLE, 'site.yml'), 'utf8'))![1]!;
    assert.deepEqual(brokenLinks(out, siteUrl), []);
    // The maintenances' shortlinks are among them: they name their own pages.
    const api = JSON.parse(readFileSync(path.join(out, 'api/v2/scheduled-maintenances.json'), 'utf8')) as { scheduled_maintenances: { id: string; shortlink: string }[] };
    assert.ok(api.scheduled_maintenances.length > 0);
    for (const m of api.scheduled_maintenances) assert.match(m.shortlink, /\/maintenance\/[a-z0-9_-]+\/$/);
  });

  it('under a sub-path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'status-links-'));
    temp.push(dir);
    const content = path.join(dir, 'content');
    cpSync(SAMPLE, content, { recursive: true });
    const siteFile = path.join(content, 'site.yml');
    const siteUrl = 'https://example.com/status/';
    writeFileSync(siteFile, readFileSync(siteFile, 'utf8').replace(/^url: .*$/m, `url: ${siteUrl}`));
    const result = build({ content, out: path.join(dir, 'site') });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(brokenLinks(result.out, siteUrl), []);
  });
});
