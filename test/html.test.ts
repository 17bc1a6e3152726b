import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { pageValidator } from './helpers/html-validator.ts';
import { loadContent } from '../src/content/load.ts';
import { sampleSite } from './helpers/build.ts';

const root = path.resolve(import.meta.dirname, '..');


/** Every file under `dir`, as paths relative to it with forward slashes. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${rel}/`) : [rel];
  });
}

const decode = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** href, src and srcset targets of one page. */
function references(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/\s(href|src|srcset|action|poster)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const value = decode(m[3] ?? m[4] ?? m[5] ?? '');
    if (m[1]!.toLowerCase() === 'srcset') found.push(...value.split(',').map((s) => s.trim().split(/\s+/)[0]!).filter(Boolean));
    else found.push(value);
  }
  return found;
}

const ids = (html: string) => new Set([...html.matchAll(/\sid\s*=\s*"([^"]*)"/g)].map((m) => decode(m[1]!)));

describe('built pages', () => {
  let out = '';
  let htmlFiles: string[] = [];
  let siteUrl: URL;

  before(() => {
    out = sampleSite();
    htmlFiles = listFiles(out).filter((f) => f.endsWith('.html')).sort();
    siteUrl = new URL(loadContent(path.join(root, 'content')).site.url);
  });

  it('include the pages every sample site has', () => {
    for (const page of ['index.html', '404.html', 'history/index.html', 'incidents/2021-02-18-web-apps-intermittent-errors/index.html', 'components/web-apps/index.html']) {
      assert.ok(htmlFiles.includes(page), `missing ${page}`);
    }
  });

  it('pass html-validate', async () => {
    const failures: string[] = [];
    for (const file of htmlFiles) {
      const report = await pageValidator.validateString(readFileSync(path.join(out, file), 'utf8'), file);
      for (const result of report.results) {
        for (const m of result.messages) failures.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
    }
    assert.deepEqual(failures, [], `html-validate found ${failures.length} problem(s):\n${failures.join('\n')}`);
  });

  it('link only to files that exist in the output (and to ids that exist)', () => {
    const broken: string[] = [];
    const pageIds = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      let set = pageIds.get(file);
      if (!set) pageIds.set(file, (set = ids(readFileSync(path.join(out, file), 'utf8'))));
      return set;
    };
    let checked = 0;
    for (const file of htmlFiles) {
      const html = readFileSync(path.join(out, file), 'utf8');
      // The 404 page is served at any missing address, so its links must work from a deep one too.
      const pageUrls = file === '404.html'
        ? [new URL('no/such/page/here', siteUrl), new URL('no-such-page', siteUrl)]
        : [new URL(file.replace(/(^|\/)index\.html$/, '$1'), siteUrl)];
      for (const ref of references(html)) {
        if (!ref || /^(mailto|tel|data):/i.test(ref)) continue;
        // Same-document fragments ("skip to content") point into this very page.
        if (ref.startsWith('#')) {
          checked++;
          const fragment = decodeURIComponent(ref.slice(1));
          if (fragment && !idsOf(file).has(fragment)) broken.push(`${file}: "${ref}" has no id="${fragment}" in the page`);
          continue;
        }
        for (const pageUrl of pageUrls) {
          const target = new URL(ref, pageUrl);
          if (target.origin !== siteUrl.origin) continue;
          checked++;
          const where = `${file}: "${ref}"`;
          if (!target.pathname.startsWith(siteUrl.pathname)) {
            broken.push(`${where} is outside the site path ${siteUrl.pathname}`);
            continue;
          }
          let rel = decodeURIComponent(target.pathname.slice(siteUrl.pathname.length));
          const full = path.join(out, rel);
          if (rel === '' || rel.endsWith('/') || (existsSync(full) && statSync(full).isDirectory())) {
            rel = path.posix.join(rel, 'index.html');
          }
          if (!existsSync(path.join(out, rel))) {
            broken.push(`${where} → ${rel} does not exist`);
            continue;
          }
          const fragment = decodeURIComponent(target.hash.slice(1));
          if (fragment && rel.endsWith('.html') && !idsOf(rel).has(fragment)) {
            broken.push(`${where} → ${rel} has no id="${fragment}"`);
          }
        }
      }
    }
    assert.ok(checked > htmlFiles.length, `expected internal links in the pages, found ${checked}`);
    assert.deepEqual(broken, [], `broken internal links:\n${broken.join('\n')}`);
  });
});
