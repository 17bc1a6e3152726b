import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { build, sampleSite } from './helpers/build.ts';

/** What search engines and link previews read: canonical URLs, Open Graph and Twitter tags, sitemap, robots.txt. */

const SAMPLE_URL = 'https://status.example.org/';
const SEED = '2021-02-18-web-apps-intermittent-errors';

function htmlPages(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    // The search index and the staff editor (admin/) are no pages for readers or search engines.
    if (entry.isDirectory()) return rel === 'pagefind' || rel === 'admin' ? [] : htmlPages(dir, `${rel}/`);
    return rel.endsWith('.html') ? [rel] : [];
  });
}

/** Attributes of every `<meta>` and `<link>` tag in a page's head. */
function headTags(html: string): Record<string, string>[] {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<(meta|link)\s([^>]*)>/g)].map((m) =>
    Object.fromEntries([...m[2]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, decode(a[2]!)])),
  );
}
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const metaContent = (tags: Record<string, string>[], key: string) => tags.find((t) => t.property === key || t.name === key)?.content;

/** The page URL of a built file: `incidents/x/index.html` → `incidents/x/`. */
const pageUrl = (siteUrl: string, file: string) => new URL(file.replace(/(^|\/)index\.html$/, '$1'), siteUrl).href;

/** The built file an absolute URL on the site points at, or undefined when it is off the site. */
function fileFor(out: string, siteUrl: string, url: string): string | undefined {
  if (!url.startsWith(siteUrl)) return undefined;
  const rel = decodeURIComponent(url.slice(siteUrl.length));
  return path.join(out, rel.endsWith('/') || rel === '' ? `${rel}index.html` : rel);
}

function sitemapLocs(xml: string): { loc: string; lastmod?: string }[] {
  const urls: { loc: string; lastmod?: string }[] = [];
  const parser = new SaxesParser({ xmlns: true });
  let field: 'loc' | 'lastmod' | undefined;
  parser.on('opentag', (tag) => {
    if (tag.local === 'url') urls.push({ loc: '' });
    if (tag.local === 'loc' || tag.local === 'lastmod') field = tag.local;
  });
  parser.on('text', (text) => {
    if (field) urls.at(-1)![field] = (urls.at(-1)![field] ?? '') + text;
  });
  parser.on('closetag', () => (field = undefined));
  parser.write(xml).close();
  return urls;
}

function checkSite(out: string, siteUrl: string) {
  const pages = htmlPages(out);
  const problems: string[] = [];
  for (const file of pages) {
    const tags = headTags(readFileSync(path.join(out, file), 'utf8'));
    const canonical = tags.find((t) => t.rel === 'canonical')?.href;
    const expected = file === '404.html' ? new URL('404.html', siteUrl).href : pageUrl(siteUrl, file);
    if (canonical !== expected) problems.push(`${file}: canonical ${canonical}, expected ${expected}`);
    if (metaContent(tags, 'og:url') !== canonical) problems.push(`${file}: og:url differs from the canonical URL`);
    for (const key of ['description', 'og:title', 'og:description', 'og:site_name', 'og:type', 'og:image:alt', 'twitter:title', 'twitter:description']) {
      if (!metaContent(tags, key)?.trim()) problems.push(`${file}: no ${key}`);
    }
    if (metaContent(tags, 'twitter:card') !== 'summary_large_image') problems.push(`${file}: twitter:card is not summary_large_image`);
    const image = metaContent(tags, 'og:image') ?? '';
    const imageFile = fileFor(out, siteUrl, image);
    if (!imageFile || !existsSync(imageFile) || !image.endsWith('.png')) problems.push(`${file}: og:image ${image} is not a PNG of this site`);
    else {
      const png = readFileSync(imageFile);
      const size = [png.readUInt32BE(16), png.readUInt32BE(20)].join('x');
      if (size !== `${metaContent(tags, 'og:image:width')}x${metaContent(tags, 'og:image:height')}`) problems.push(`${file}: og:image is ${size}, not what og:image:width/height say`);
    }
    for (const feed of tags.filter((t) => t.rel === 'alternate')) {
      const target = fileFor(out, siteUrl, new URL(feed.href!, siteUrl).href);
      if (!target || !existsSync(target)) problems.push(`${file}: feed link ${feed.href} points at no file`);
    }
  }
  return { pages, problems };
}

describe('the sample site for search engines and link previews', () => {
  let out = '';
  before(async () => {
    out = sampleSite();
  });

  it('every page has a canonical URL, Open Graph and Twitter card tags, and a real social image', async () => {
    const { pages, problems } = checkSite(out, SAMPLE_URL);
    assert.ok(pages.length > 25, `only ${pages.length} pages`);
    assert.deepEqual(problems, []);
  });

  it('incident pages are articles with their publication and update times', async () => {
    const tags = headTags(readFileSync(path.join(out, `incidents/${SEED}/index.html`), 'utf8'));
    assert.equal(metaContent(tags, 'og:type'), 'article');
    assert.equal(metaContent(tags, 'og:title'), 'Intermittent errors on Web Apps');
    assert.equal(metaContent(tags, 'article:published_time'), '2021-02-18T14:50:00.000Z');
    assert.equal(metaContent(tags, 'article:modified_time'), '2021-02-25T10:54:00.000Z');
  });

  it('every page links the three history feeds; component pages add their own', async () => {
    const feeds = (file: string) => headTags(readFileSync(path.join(out, file), 'utf8')).filter((t) => t.rel === 'alternate').map((t) => t.href);
    assert.deepEqual(feeds('index.html'), ['/history.atom', '/history.rss', '/history.json']);
    assert.deepEqual(feeds(`incidents/${SEED}/index.html`), ['/history.atom', '/history.rss', '/history.json']);
    assert.deepEqual(feeds('components/sms/index.html'), [
      '/history.atom', '/history.rss', '/history.json',
      '/components/sms/history.atom', '/components/sms/history.rss', '/components/sms/history.json',
    ]);
  });

  it('sitemap.xml lists every page but the 404, each once, with incidents’ last change', async () => {
    const urls = sitemapLocs(readFileSync(path.join(out, 'sitemap.xml'), 'utf8'));
    const expected = htmlPages(out).filter((f) => f !== '404.html').map((f) => pageUrl(SAMPLE_URL, f)).sort();
    assert.deepEqual(urls.map((u) => u.loc).sort(), expected);
    const seed = urls.find((u) => u.loc === `${SAMPLE_URL}incidents/${SEED}/`);
    assert.equal(seed?.lastmod, '2021-02-25T10:54:00.000Z');
  });

  it('robots.txt allows crawling and names the sitemap; the 404 page asks not to be indexed', async () => {
    const robots = readFileSync(path.join(out, 'robots.txt'), 'utf8');
    assert.match(robots, /^User-agent: \*$/m);
    assert.match(robots, /^Allow: \/$/m);
    assert.match(robots, new RegExp(`^Sitemap: ${SAMPLE_URL}sitemap\\.xml$`, 'm'));
    assert.equal(metaContent(headTags(readFileSync(path.join(out, '404.html'), 'utf8')), 'robots'), 'noindex');
    assert.equal(metaContent(headTags(readFileSync(path.join(out, 'index.html'), 'utf8')), 'robots'), undefined);
  });
});

describe('a site published under a sub-path', () => {
  it('keeps the sub-path in canonical URLs, social images, feed links and the sitemap', async () => {
    const content = mkdtempSync(path.join(tmpdir(), 'status-seo-'));
    cpSync(path.resolve(import.meta.dirname, 'fixtures/mini'), content, { recursive: true });
    const siteFile = path.join(content, 'site.yml');
    const siteUrl = 'https://example.com/status/';
    writeFileSync(siteFile, readFileSync(siteFile, 'utf8').replace(/^url: .*$/m, `url: ${siteUrl}`));
    const built = await build({ content });
    assert.equal(built.status, 0, built.stderr);
    const { problems } = checkSite(built.out, siteUrl);
    assert.deepEqual(problems, []);
    const home = headTags(readFileSync(path.join(built.out, 'index.html'), 'utf8'));
    assert.match(metaContent(home, 'og:image') ?? '', /^https:\/\/example\.com\/status\/assets\/social\.\w+\.png$/);
    assert.equal(home.find((t) => t.rel === 'alternate')?.href, '/status/history.atom');
    const locs = sitemapLocs(readFileSync(path.join(built.out, 'sitemap.xml'), 'utf8')).map((u) => u.loc);
    assert.ok(locs.length > 3 && locs.every((l) => l.startsWith(siteUrl)), locs.join('\n'));
    assert.match(readFileSync(path.join(built.out, 'robots.txt'), 'utf8'), /^Sitemap: https:\/\/example\.com\/status\/sitemap\.xml$/m);
  });
});
