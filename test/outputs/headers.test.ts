import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { componentUrl, groupUrl, historyUrl, incidentUrl } from '../../src/view/urls.ts';
import { CACHE_CONTROL, EDITOR_CSP, EDITOR_FOLDER, headersFile, headersFor, HOST_FILES, matchesPattern, PATH_RULES, SECURITY_HEADERS, SITE_FOLDERS } from '../../src/outputs/headers.ts';
import { cssReferences, existingKey, htmlReferences, resolveReference, siteLocation, startTags, urlPathOf } from '../../src/deploy/links.ts';
import { loadContent } from '../../src/content/load.ts';
import { build, sampleSite } from '../helpers/build.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every file of a built site by its path inside it. */
function builtKeys(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The blocks of a `_headers` file: a path pattern and its headers. */
function parseHeadersFile(text: string): { pattern: string; headers: [string, string][] }[] {
  const blocks: { pattern: string; headers: [string, string][] }[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) blocks.push({ pattern: line.trim(), headers: [] });
    else {
      const [name, ...value] = line.trim().split(':');
      blocks.at(-1)!.headers.push([name!, value.join(':').trim()]);
    }
  }
  return blocks;
}

/** Headers a Netlify / Cloudflare Pages host would send for a URL path, failing on any header set twice. */
function hostHeaders(blocks: ReturnType<typeof parseHeadersFile>, urlPath: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const block of blocks.filter((b) => matchesPattern(b.pattern, urlPath))) {
    for (const [name, value] of block.headers) {
      assert.ok(!headers.has(name.toLowerCase()), `${urlPath}: ${name} set by two rules (hosts would join the values)`);
      headers.set(name.toLowerCase(), value);
    }
  }
  return headers;
}

describe('headersFor', () => {
  const cases: [string, string, string, boolean][] = [
    ['index.html', 'text/html; charset=utf-8', CACHE_CONTROL.short, false],
    ['incidents/x/index.html', 'text/html; charset=utf-8', CACHE_CONTROL.short, false],
    ['assets/style.0123456789.css', 'text/css; charset=utf-8', CACHE_CONTROL.immutable, false],
    ['assets/enhance.0123456789.js', 'text/javascript; charset=utf-8', CACHE_CONTROL.immutable, false],
    ['assets/icon.0123456789.svg', 'image/svg+xml', CACHE_CONTROL.immutable, false],
    ['assets/social.0123456789.png', 'image/png', CACHE_CONTROL.immutable, false],
    ['api/v2/summary.json', 'application/json; charset=utf-8', CACHE_CONTROL.short, true],
    ['api/v2/incidents/x.json', 'application/json; charset=utf-8', CACHE_CONTROL.short, true],
    ['history.atom', 'application/atom+xml; charset=utf-8', CACHE_CONTROL.short, true],
    ['history.rss', 'application/rss+xml; charset=utf-8', CACHE_CONTROL.short, true],
    ['history.json', 'application/feed+json; charset=utf-8', CACHE_CONTROL.short, true],
    ['components/sms/history.json', 'application/feed+json; charset=utf-8', CACHE_CONTROL.short, true],
    ['components/sms/history.atom', 'application/atom+xml; charset=utf-8', CACHE_CONTROL.short, true],
    ['maintenance.ics', 'text/calendar; charset=utf-8', CACHE_CONTROL.short, true],
    ['badge.svg', 'image/svg+xml', CACHE_CONTROL.short, true],
    ['components/sms/badge.json', 'application/json; charset=utf-8', CACHE_CONTROL.short, true],
    ['sitemap.xml', 'application/xml; charset=utf-8', CACHE_CONTROL.short, false],
    ['robots.txt', 'text/plain; charset=utf-8', CACHE_CONTROL.short, false],
    ['favicon.ico', 'image/x-icon', CACHE_CONTROL.short, false],
    ['site.webmanifest', 'application/manifest+json; charset=utf-8', CACHE_CONTROL.short, false],
  ];
  for (const [file, type, cache, cors] of cases) {
    it(file, async () => {
      const h = headersFor(file);
      assert.deepEqual([h.contentType, h.cacheControl, h.cors], [type, cache, cors]);
    });
  }
  it('sorts files into upload classes: assets, pages, data', async () => {
    assert.deepEqual(
      ['assets/a.0123456789.css', 'index.html', 'api/v2/status.json', 'history.rss', 'badge.svg', 'pagefind/x.pf_index'].map((f) => headersFor(f).kind),
      ['asset', 'page', 'data', 'data', 'data', 'asset'],
    );
  });
  it('matches host path patterns: * spans folders, :name one segment', async () => {
    assert.ok(matchesPattern('/assets/*', '/assets/a/b.css'));
    assert.ok(matchesPattern('/components/*/badge.svg', '/components/sms/badge.svg'));
    assert.ok(matchesPattern('/components/:id/badge.svg', '/components/sms/badge.svg'));
    assert.ok(!matchesPattern('/components/:id/badge.svg', '/components/a/b/badge.svg'));
    assert.ok(!matchesPattern('/history.json', '/historyXjson'));
  });
});

describe('Content-Security-Policy', () => {
  it('is not set twice on any path, and the editor at /admin/ gets its own, looser one', async () => {
    for (const base of ['/', '/status/']) {
      const blocks = parseHeadersFile(headersFile(base));
      for (const url of ['/', '/index.html', '/incidents/x/', '/history/2/', '/assets/a.0123456789.css', `${base}incidents/x/`]) {
        assert.equal(hostHeaders(blocks, url).get('content-security-policy'), SECURITY_HEADERS['Content-Security-Policy'], url);
      }
      for (const url of [`${base}admin/`, `${base}admin/decap-cms.js`]) {
        assert.equal(hostHeaders(blocks, url).get('content-security-policy'), EDITOR_CSP, url);
        assert.equal(hostHeaders(blocks, url).get('x-frame-options'), 'DENY', url);
      }
    }
  });

  const csp = SECURITY_HEADERS['Content-Security-Policy']!;
  const directive = (name: string) => csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name)?.slice(1);
  it('allows scripts and styles only from the site itself: no inline, no eval', async () => {
    assert.deepEqual(directive('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(directive('style-src'), ["'self'"]);
    assert.deepEqual(directive('object-src'), ["'none'"]);
    assert.deepEqual(directive('frame-ancestors'), ["'none'"]);
    assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  });
});

describe('the built sample site', () => {
  let dir: string;
  let keys: string[];
  before(async () => {
    dir = sampleSite();
    keys = builtKeys(dir);
  });

  it('fingerprints every file under assets/, so caching them for a year is safe', async () => {
    const assets = keys.filter((k) => k.startsWith('assets/'));
    assert.ok(assets.length >= 2);
    for (const key of assets) assert.match(key, /^assets\/[^/]+\.[0-9a-f]{8,}\.[a-z0-9]+$/, key);
  });

  it('gives every file a known content type', async () => {
    const unknown = keys.filter((k) => headersFor(k).contentType === 'application/octet-stream' && !k.startsWith('pagefind/'));
    assert.deepEqual(unknown, ['.nojekyll', '_headers', '_redirects']);
  });

  it('writes .nojekyll for GitHub Pages', async () => {
    assert.equal(readFileSync(path.join(dir, '.nojekyll'), 'utf8'), '');
  });

  it('_headers gives every file the same Content-Type, Cache-Control and CORS as the S3 upload, and security headers', async () => {
    const blocks = parseHeadersFile(readFileSync(path.join(dir, '_headers'), 'utf8'));
    for (const key of keys.filter((k) => !HOST_FILES.has(k))) {
      const sent = hostHeaders(blocks, `/${key}`);
      const table = headersFor(key);
      // Pages are also asked for by their folder URL.
      for (const url of new Set([`/${key}`, urlPathOf(key, '/')])) {
        const h = hostHeaders(blocks, url);
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
          const expected = name === 'Content-Security-Policy' && key.startsWith(`${EDITOR_FOLDER}/`) ? EDITOR_CSP : value;
          assert.equal(h.get(name.toLowerCase()), expected, `${url}: ${name}`);
        }
      }
      if (sent.has('content-type')) assert.equal(sent.get('content-type'), table.contentType, `${key}: Content-Type`);
      if (table.cors || table.cacheControl === CACHE_CONTROL.immutable) {
        assert.equal(sent.get('cache-control'), table.cacheControl, `${key}: Cache-Control`);
      } else {
        // Left to the host's default, max-age=0 and must-revalidate: these hosts purge on deploy.
        assert.equal(sent.get('cache-control'), undefined, `${key}: Cache-Control`);
      }
      assert.equal(sent.get('access-control-allow-origin'), table.cors ? '*' : undefined, `${key}: CORS`);
    }
    // Feeds and the API are among the files checked.
    for (const k of ['history.atom', 'history.json', 'api/v2/summary.json', 'maintenance.ics', 'badge.svg']) assert.ok(keys.includes(k), k);
  });

  it('lists every top-level folder of the build, so each gets the Content-Security-Policy', async () => {
    const folders = new Set(keys.filter((k) => k.includes('/')).map((k) => k.split('/')[0]!));
    folders.delete(EDITOR_FOLDER);
    for (const folder of folders) assert.ok(SITE_FOLDERS.includes(folder), `add "${folder}" to SITE_FOLDERS in src/outputs/headers.ts`);
    // Pages the sample does not have (group pages exist on compact sites only) are covered too.
    for (const url of [groupUrl('g'), componentUrl('c'), historyUrl(2), incidentUrl('i')]) {
      assert.ok(SITE_FOLDERS.includes(url.split('/')[1]!), `add "${url.split('/')[1]}" to SITE_FOLDERS in src/outputs/headers.ts`);
    }
  });

  it('_headers stays within Cloudflare Pages limits (100 rules, 2,000 characters a line)', async () => {
    const text = readFileSync(path.join(dir, '_headers'), 'utf8');
    assert.ok(parseHeadersFile(text).length <= 100);
    for (const line of text.split('\n')) assert.ok(line.length <= 2000);
  });

  it('_redirects sends folders without a page to pages that exist', async () => {
    const rules = readFileSync(path.join(dir, '_redirects'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => l.trim().split(/\s+/));
    assert.ok(rules.length > 0);
    const set = new Set(keys);
    for (const [from, to, status] of rules) {
      assert.equal(status, '302');
      assert.equal(existingKey(`${from!.slice(1)}index.html`, set), undefined, `${from} has no page of its own`);
      assert.ok(existingKey(to === '/' ? 'index.html' : `${to!.slice(1)}index.html`, set), `${to} exists`);
    }
  });

  it('pages rely on no inline script, inline style, event handler or other origin', async () => {
    const site = siteLocation(loadContent(path.join(ROOT, 'content')).site.url);
    for (const key of keys.filter((k) => k.endsWith('.html'))) {
      const html = readFileSync(path.join(dir, key), 'utf8');
      assert.doesNotMatch(html, /<style[\s>]/i, `${key}: <style> element`);
      for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        const data = /type=["']?application\/(ld\+)?json/i.test(attrs!);
        assert.ok(data || (/\bsrc=/.test(attrs!) && body!.trim() === ''), `${key}: inline script`);
      }
      for (const { name, attributes } of startTags(html)) {
        for (const [attr, value] of attributes) {
          assert.ok(attr !== 'style', `${key}: style attribute on <${name}>`);
          assert.ok(!/^on[a-z]+$/.test(attr), `${key}: ${attr} handler on <${name}>`);
          assert.ok(!/^\s*javascript:/i.test(value), `${key}: javascript: URL`);
        }
        // Whatever the page loads (not just links to) comes from the site itself.
        const loads = name === 'script' || name === 'img' || (name === 'link' && /stylesheet|icon|preload|modulepreload|manifest/.test(attributes.get('rel') ?? ''));
        const src = attributes.get('src') ?? attributes.get('href');
        if (loads && src && !src.startsWith('data:')) {
          assert.ok(resolveReference(src, key, site).kind === 'local', `${key}: <${name}> loads ${src} from another origin`);
        }
      }
    }
  });
});

describe('a site served under a sub-path (https://example.com/status/)', () => {
  let dir: string;
  let keys: Set<string>;
  const site = siteLocation('https://example.com/status/');

  before(async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'status-subpath-'));
    const content = path.join(parent, 'content');
    cpSync(path.join(ROOT, 'content'), content, { recursive: true });
    const siteFile = path.join(content, 'site.yml');
    const yml = readFileSync(siteFile, 'utf8');
    assert.match(yml, /^url: .*$/m);
    writeFileSync(siteFile, yml.replace(/^url: .*$/m, 'url: https://example.com/status/'));
    const result = await build({ content });
    rmSync(parent, { recursive: true, force: true });
    assert.equal(result.status, 0, result.stderr);
    dir = result.out;
    keys = new Set(builtKeys(dir));
  });

  it('every local link, asset and feed URL of every page starts with /status/ and names a built file', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const key of [...keys].filter((k) => k.endsWith('.html'))) {
      for (const ref of htmlReferences(readFileSync(path.join(dir, key), 'utf8'))) {
        const target = resolveReference(ref, key, site);
        if (target.kind === 'outside') problems.push(`${key}: "${ref}" is outside /status/`);
        if (target.kind === 'local') {
          checked++;
          if (!existingKey(target.key, keys)) problems.push(`${key}: "${ref}" names no built file`);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(checked > 100, `checked ${checked} references`);
  });

  it('stylesheets refer only to files under /status/', async () => {
    for (const key of [...keys].filter((k) => k.endsWith('.css'))) {
      for (const ref of cssReferences(readFileSync(path.join(dir, key), 'utf8'))) {
        const target = resolveReference(ref, key, site);
        assert.ok(target.kind !== 'outside' && (target.kind !== 'local' || existingKey(target.key, keys)), `${key}: url(${ref})`);
      }
    }
  });

  it('feeds, API, calendar, sitemap and badges give the site address with /status/', async () => {
    const text = [...keys].filter((k) => /\.(json|atom|rss|xml|ics|txt|svg)$/.test(k) && !k.startsWith('pagefind/'));
    let urls = 0;
    for (const key of text) {
      for (const [url] of readFileSync(path.join(dir, key), 'utf8').matchAll(/https:\/\/example\.com[^\s"'<>\\)]*/g)) {
        urls++;
        assert.ok(url.startsWith('https://example.com/status/') || url === 'https://example.com/status', `${key}: ${url}`);
      }
    }
    assert.ok(urls > 0);
  });

  it('_headers and _redirects cover the prefixed URLs', async () => {
    const headers = parseHeadersFile(readFileSync(path.join(dir, '_headers'), 'utf8'));
    assert.ok(headers.some((b) => b.pattern === '/status/assets/*'));
    assert.equal(hostHeaders(headers, '/status/assets/x.0123456789.css').get('cache-control'), CACHE_CONTROL.immutable);
    assert.equal(hostHeaders(headers, '/status/history.atom').get('access-control-allow-origin'), '*');
    const redirects = readFileSync(path.join(dir, '_redirects'), 'utf8');
    assert.match(redirects, /^\/status\/incidents\/ {2}\/status\/history\/ {2}302$/m);
    assert.match(redirects, /^\/status\/\* {2}\/:splat {2}200$/m);
    assert.ok(existsSync(path.join(dir, 'history/index.html')));
  });

  it('PATH_RULES patterns all start with a literal folder or file (prefixed copies cannot overlap)', async () => {
    for (const rule of PATH_RULES) assert.match(rule.pattern, /^\/[^*:]/, rule.pattern);
  });
});
