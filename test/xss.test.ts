import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import ICAL from 'ical.js';
import { SaxesParser } from 'saxes';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { browserSkipReason, launchBrowser, serveStatic, type StaticServer } from './helpers/browser.ts';
import { build } from './helpers/build.ts';

/*
 * The XSS corpus (fixtures/xss/payloads.json) goes into every text a contributor writes: incident
 * titles, update bodies, postmortems, component and group names and descriptions, maintenance,
 * and the site name and description. The site is built for real; every page is opened in headless
 * Chromium with hooks that record any script execution, dialog, navigation, frame or request off
 * the site, and the feeds, calendar and JSON are parsed back to check they carry the exact text.
 */

interface Payload {
  from: string;
  name: string;
  payload: string;
}
const PAYLOADS = (JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/xss/payloads.json'), 'utf8')) as { payloads: Payload[] }).payloads;
const N = PAYLOADS.length;
const p = (i: number) => PAYLOADS[((i % N) + N) % N]!.payload;

const NOW = '2026-11-21T00:00:00Z';
const DAY = 86_400_000;
const COMPONENTS = 12;
const GROUPS = 3;

/** YAML double-quoted text; non-ASCII as escapes so no editor or parser quirk changes it. */
const q = (text: string) =>
  JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

/** Everything a reader should see literally, by where it was put. */
interface Expected {
  siteName: string;
  siteDescription: string;
  groups: { id: string; name: string }[];
  components: { id: string; name: string; description: string }[];
  incidents: { id: string; title: string; bodies: string[]; postmortem: string; open: boolean }[];
  maintenances: { id: string; title: string; description: string; body: string }[];
}

/** Names run several payloads together, so each payload lands in every kind of place. */
const several = (start: number, count: number, step: number) => Array.from({ length: count }, (_, k) => p(start + k * step)).join(' ');

function writeContent(dir: string): Expected {
  const now = Date.parse(NOW);
  const expected: Expected = {
    siteName: `Status ${several(44, 4, 1)}`,
    siteDescription: several(48, 6, 1),
    groups: Array.from({ length: GROUPS }, (_, g) => ({ id: `g${g + 1}`, name: several(g, Math.ceil(N / GROUPS), GROUPS) })),
    components: Array.from({ length: COMPONENTS }, (_, c) => ({ id: `c${c + 1}`, name: several(c, Math.ceil(N / COMPONENTS), COMPONENTS), description: p(c + 30) })),
    incidents: PAYLOADS.map((_, i) => ({
      id: `xss-${String(i).padStart(2, '0')}`,
      title: p(i).trim(),
      // Oldest first, as the model keeps them.
      bodies: [p(i + 1), p(i + 2), p(i)],
      postmortem: p(i + 3),
      open: i === N - 1,
    })),
    maintenances: ['done', 'now', 'later'].map((id, k) => ({ id: `m-${id}`, title: p(10 + k).trim(), description: p(20 + k), body: p(40 + k) })),
  };
  mkdirSync(path.join(dir, 'incidents'), { recursive: true });
  mkdirSync(path.join(dir, 'maintenance'), { recursive: true });
  writeFileSync(path.join(dir, 'site.yml'), [
    `name: ${q(expected.siteName)}`,
    'url: https://status.example.com/',
    'time_zone: Etc/UTC',
    `description: ${q(expected.siteDescription)}`,
    `feed_limit: ${N + 10}`,
    'groups:',
    ...expected.groups.flatMap((g) => [`  - id: ${g.id}`, `    name: ${q(g.name)}`, `    description: ${q(g.name)}`]),
    'components:',
    ...expected.components.flatMap((c, i) => [
      `  - id: ${c.id}`, `    name: ${q(c.name)}`, `    description: ${q(c.description)}`,
      ...(i % 4 ? [`    group: g${(i % GROUPS) + 1}`] : []), '    start_date: 2026-01-01',
    ]),
    '',
  ].join('\n'));

  expected.incidents.forEach((incident, i) => {
    // One incident a day, the newest still open on the day before the build.
    const start = now - (N - i) * DAY + 10 * 3_600_000;
    const component = `c${(i % COMPONENTS) + 1}`;
    const [first, second, last] = incident.bodies as [string, string, string];
    const updates = [
      ...(incident.open ? [] : [{ at: start + 2 * 3_600_000, status: 'resolved', body: last, components: `{${component}: operational}` }]),
      { at: start + 3_600_000, status: 'identified', body: second },
      { at: start, status: 'investigating', body: first },
    ];
    if (incident.open) incident.bodies = [first, second];
    writeFileSync(path.join(dir, 'incidents', `${incident.id}.md`), [
      '---',
      `title: ${q(incident.title)}`,
      'impact: minor',
      `components: {${component}: partial_outage}`,
      ...(incident.open ? [] : [`postmortem_at: ${iso(start + 3 * 3_600_000)}`]),
      'updates:',
      ...updates.flatMap((u) => [`  - at: ${iso(u.at)}`, `    status: ${u.status}`, `    body: ${q(u.body)}`, ...(u.components ? [`    components: ${u.components}`] : [])]),
      '---',
      incident.open ? '' : incident.postmortem,
      '',
    ].join('\n'));
  });

  const windows: Record<string, [number, number]> = { 'm-done': [-20 * DAY, -20 * DAY + 7_200_000], 'm-now': [-3_600_000, 3 * 3_600_000], 'm-later': [4 * DAY, 4 * DAY + 7_200_000] };
  for (const m of expected.maintenances) {
    const [from, until] = windows[m.id]!;
    writeFileSync(path.join(dir, 'maintenance', `${m.id}.md`), [
      '---',
      `title: ${q(m.title)}`,
      `scheduled_for: ${iso(now + from)}`,
      `scheduled_until: ${iso(now + until)}`,
      'components: [c1, c2]',
      'updates:',
      `  - at: ${iso(now + from - 10 * DAY)}`, '    status: scheduled', `    body: ${q(m.body)}`,
      '---',
      m.description,
      '',
    ].join('\n'));
  }
  return expected;
}

/* ------------------------------------------------------------------ browser hooks */

/** Runs in every frame before the page's own scripts: any call of these means a payload ran. */
const HOOKS = `(() => {
  const report = (what) => { try { window.__xssReport(String(what)); } catch (e) {} };
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    try {
      Object.defineProperty(window, name, { value: (...args) => report(name + '(' + args.join(', ') + ')'), writable: false, configurable: false });
    } catch (e) {}
  }
  addEventListener('securitypolicyviolation', (e) => report('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));
})();`;

/** Looks at the DOM for anything a payload would need: handlers, script URLs, foreign scripts, frames. */
function inspectDom(): string[] {
  const found: string[] = [];
  const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'background', 'cite', 'longdesc', 'ping'];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) found.push(`<${tag} ${name}="${a.value}">`);
      if (name === 'srcdoc') found.push(`<${tag} srcdoc>`);
      if (name === 'srcset') found.push(`<${tag} srcset="${a.value}">`);
      if (URL_ATTRIBUTES.includes(name)) {
        let protocol = 'unparseable:';
        try {
          protocol = new URL(a.value, document.baseURI).protocol;
        } catch {}
        if (!['http:', 'https:', 'mailto:'].includes(protocol)) found.push(`<${tag} ${name}="${a.value}">`);
      }
      if (name === 'style' && /expression|javascript:|url\s*\(/i.test(a.value)) found.push(`<${tag} style="${a.value}">`);
      if (name === 'http-equiv' && /refresh/i.test(a.value)) found.push(`<meta http-equiv="${a.value}">`);
    }
    if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'animate', 'set', 'foreignobject', 'isindex', 'marquee', 'video', 'audio', 'img', 'math'].includes(tag)) {
      found.push(`<${tag}>`);
    }
    if (tag === 'style') found.push('<style> element');
    if (tag === 'form' && el.hasAttribute('action')) found.push('<form action>');
  }
  for (const s of Array.from(document.scripts)) {
    if (!s.src) found.push(`inline <script>${s.textContent?.slice(0, 60)}`);
    else if (new URL(s.src).origin !== location.origin) found.push(`<script src="${s.src}">`);
  }
  if (document.baseURI !== location.href.split('#')[0] && !document.baseURI.startsWith(location.origin)) found.push(`base URI ${document.baseURI}`);
  return found;
}

const normal = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * What the browser tab shows of a text in `<title>`. The HTML spec's document.title strips and
 * collapses ASCII whitespace; Chromium also counts the other C0 controls except U+000B, and U+007F,
 * as whitespace, so payload 40's U+0001 shows as a space. The page carries the text as written (the
 * h1 and the API are checked for that); only the browser's reading of the title changes it. Nothing
 * else is forgiven: the tab title must hold this text exactly, so a title that broke out of
 * `<title>` (cut short) or was escaped twice (`&lt;`) fails.
 */
const tabTitle = (text: string) => text.replace(/[\u0001-\u000A\u000C-\u0020\u007F]+/g, ' ').replace(/^ | $/g, '');

describe('the XSS corpus', { skip: browserSkipReason, timeout: 240_000 }, () => {
  let work = '';
  let out = '';
  let expected: Expected;
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  /** Everything the hooks saw, as "page: what". */
  const hits: string[] = [];

  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'status-xss-'));
    expected = writeContent(path.join(work, 'content'));
    // A repository to edit turns on the /admin/ editor, whose config carries the component names.
    const result = await build({ content: path.join(work, 'content'), out: path.join(work, 'site'), now: NOW, env: { STATUS_CMS_REPO: 'example/status' } });
    assert.equal(result.status, 0, result.stderr);
    out = result.out;
    [server, browser] = await Promise.all([serveStatic(out), launchBrowser()]);
    context = await browser.newContext();
    const origin = new URL(server.url).origin;
    await context.exposeBinding('__xssReport', ({ page }, what: string) => void hits.push(`${page.url()}: ${what}`));
    await context.addInitScript(HOOKS);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (/^(data|blob|about):/.test(url) || new URL(url).origin === origin) return route.continue();
      hits.push(`request off the site: ${url}`);
      return route.abort();
    });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it(`holds at least 40 payloads from public cheat sheets`, () => {
    assert.ok(N >= 40, `${N} payloads`);
    assert.equal(new Set(PAYLOADS.map((x) => x.payload)).size, N, 'no payload twice');
  });

  /** Where a page is, for its listeners: hooks report against the address being visited. */
  interface Visit {
    url: string;
    loaded: boolean;
  }

  /** Records dialogs, script errors, popups, frames, requests for missing files and later navigations. */
  function listen(page: Page, visit: Visit) {
    const where = (what: string) => hits.push(`${visit.url}: ${what}`);
    page.on('dialog', (d) => {
      where(`dialog ${d.type()} ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => where(`script error ${e.message}`));
    page.on('popup', (popup) => where(`popup ${popup.url()}`));
    page.on('frameattached', (frame) => where(`frame ${frame.url()}`));
    page.on('response', (r) => {
      // The site asks only for files it has; a 404 means some injected element asked for one.
      if (r.status() === 404 && r.url() !== visit.url) where(`request for a missing file ${r.url()}`);
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && visit.loaded) where(`navigated to ${frame.url()}`);
    });
  }

  /** One tab for the plain visits, which is much faster than a new one per page. */
  let tab: { page: Page; visit: Visit } | undefined;

  /** Opens a page with every hook listening and inspects its DOM; `prepare` gets a tab of its own. */
  async function visit(address: string, prepare?: (page: Page) => Promise<void>): Promise<Page> {
    const url = new URL(address, server.url).href;
    let page: Page;
    let state: Visit;
    if (prepare) {
      page = await context.newPage();
      state = { url, loaded: false };
      listen(page, state);
      await prepare(page);
    } else {
      if (!tab) {
        const fresh = await context.newPage();
        tab = { page: fresh, visit: { url, loaded: false } };
        listen(fresh, tab.visit);
      }
      ({ page, visit: state } = tab);
      Object.assign(state, { url, loaded: false });
    }
    await page.goto(url, { waitUntil: 'load' });
    state.loaded = true;
    // Let timers set by the page (and by anything injected) run once.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    for (const finding of await page.evaluate(inspectDom)) hits.push(`${url}: in the DOM: ${finding}`);
    return page;
  }

  const assertNoHits = () => assert.deepEqual(hits.splice(0), [], 'a payload got through');
  /** The browser tab's title of pages whose title holds contributor text, checked on its own below. */
  const documentTitles = new Map<string, { shown: string; expected: string[] }>();

  it('no incident page runs a payload; each shows its title and texts literally', async () => {
    for (const incident of expected.incidents) {
      const page = await visit(`incidents/${incident.id}/`);
      const text = await page.evaluate(() => ({
        h1: document.querySelector('h1')?.textContent ?? '',
        title: document.title,
        body: document.body.innerText,
      }));
      assert.equal(normal(text.h1), normal(incident.title), `${incident.id}: the h1 is the title as written`);
      assert.ok(normal(text.body).includes(normal(expected.siteName)), `${incident.id}: the page shows the site name`);
      documentTitles.set(`incidents/${incident.id}/`, { shown: text.title, expected: [incident.title, expected.siteName] });
    }
    assertNoHits();
  });

  it('no page of the site runs a payload: home, history, components, 404 and the editor page', async () => {
    const pages = ['', 'history/', 'no-such-page/', ...expected.components.map((c) => `components/${c.id}/`)];
    for (const address of pages) {
      const page = await visit(address);
      if (address === '') {
        const body = normal(await page.evaluate(() => document.body.innerText));
        for (const c of expected.components) assert.ok(body.includes(normal(c.name)), `the home page shows ${c.id}'s name as text`);
        // The page's settings for its scripts sit in an attribute as JSON: it must survive the round trip.
        assert.ok(await page.evaluate(() => typeof JSON.parse(document.documentElement.getAttribute('data-site') ?? '') === 'object'));
      }
      if (address.startsWith('components/')) {
        const c = expected.components.find((x) => address === `components/${x.id}/`)!;
        assert.equal(normal(await page.evaluate(() => document.querySelector('h1')?.textContent ?? '')), normal(c.name));
        documentTitles.set(address, { shown: await page.title(), expected: [c.name, expected.siteName] });
      }
    }
    // The editor's shell page, with its script blocked: only the static markup is under test here.
    const admin = await context.newPage();
    await admin.route('**/decap-cms.js', (route) => route.fulfill({ body: '', contentType: 'text/javascript' }));
    const response = await admin.goto(new URL('admin/', server.url).href);
    assert.equal(response?.status(), 200, 'the editor page is built');
    assert.ok(normal(await admin.title()).includes(normal(expected.siteName)));
    for (const finding of await admin.evaluate(inspectDom)) hits.push(`admin/: in the DOM: ${finding}`);
    await admin.close();
    assertNoHits();
  });

  it('the tab title shows incident titles and component names as written, not escaped twice', () => {
    assert.ok(documentTitles.size > N, 'needs the page visits above');
    const wrong = [...documentTitles].filter(([, t]) => !t.expected.every((e) => t.shown.includes(tabTitle(e))));
    assert.deepEqual(wrong.map(([page, t]) => `${page}: ${t.shown.slice(0, 80)}`), []);
  });

  it('searching the history runs no payload and shows the titles found as text', async () => {
    const page = await visit('history/?q=alert', async () => {});
    await page.waitForSelector('.search-results li a', { timeout: 30_000 });
    const titles = await page.$$eval('.search-results li a', (links) => links.map((a) => a.textContent ?? ''));
    assert.ok(titles.length > 0);
    const all = expected.incidents.map((i) => normal(i.title));
    for (const title of titles) assert.ok(all.some((t) => normal(title).includes(t.slice(0, 20))), `search result "${title}" is an incident title as text`);
    for (const finding of await page.evaluate(inspectDom)) hits.push(`search: in the DOM: ${finding}`);
    await page.close();
    assertNoHits();
  });

  it('the live refresh of the home page renders API texts as text', async () => {
    const open = expected.incidents.find((i) => i.open)!;
    const page = await visit('', async (pg) => {
      await pg.clock.install({ time: new Date(NOW) });
      // A newer update time than the page shows, so the script redraws the open incidents from the API.
      await pg.route('**/api/v2/summary.json', async (route) => {
        const response = await route.fetch();
        const summary = (await response.json()) as { incidents: { incident_updates: { display_at: string }[] }[] };
        for (const i of summary.incidents) for (const u of i.incident_updates) u.display_at = new Date(Date.parse(u.display_at) + 60_000).toISOString();
        await route.fulfill({ response, json: summary });
      });
    });
    const requested = page.waitForRequest('**/api/v2/summary.json');
    await page.clock.runFor(61_000);
    await requested;
    await page.waitForFunction(() => document.querySelector('#live-incidents')?.getAttribute('data-checked'));
    const link = await page.evaluate(() => document.querySelector('#live-incidents h3 a')?.textContent ?? '');
    assert.equal(normal(link), normal(open.title), 'the redrawn card shows the title as text');
    for (const finding of await page.evaluate(inspectDom)) hits.push(`live refresh: in the DOM: ${finding}`);
    await page.close();
    assertNoHits();
  });

  /* -------------------------------------------------------------- feeds, calendar and JSON */

  const read = (file: string) => readFileSync(path.join(out, file), 'utf8');

  /** Parses XML strictly and lists any element or attribute that could run script (SVG can). */
  function wellFormed(xml: string, name: string): string[] {
    const found: string[] = [];
    const parser = new SaxesParser({ xmlns: true });
    parser.on('error', (error) => assert.fail(`${name} is not well-formed XML: ${error.message}`));
    parser.on('opentag', (tag) => {
      if (/^(script|foreignObject|iframe|handler|animate|set)$/i.test(tag.local)) found.push(`${name}: <${tag.name}>`);
      for (const a of Object.values(tag.attributes)) {
        if (a.local.toLowerCase().startsWith('on')) found.push(`${name}: <${tag.name} ${a.name}>`);
        if (a.local === 'href' && !/^(https?:|#|\/)/i.test(a.value.trim())) found.push(`${name}: <${tag.name} ${a.name}="${a.value}">`);
      }
    });
    parser.write(xml).close();
    return found;
  }
  /** RSS titles that do not read back as written (checked on their own, see below), and those read from history.rss. */
  const rssTitleMismatches: string[] = [];
  const rssTitlesRead = new Set<string>();
  /** A text as XML 1.0 can carry it: the feeds drop the C0 controls it forbids (payload 40's U+0001). */
  const inXml = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

  /**
   * HTML carried by the feeds and the API, put into a page in Chromium as a feed reader would show
   * it: nothing in it may run or point at a script, and where the HTML stands for a title its text
   * must be that title exactly.
   */
  async function assertHtmlInert(fragments: { where: string; html: string; text?: string }[]) {
    const page = await context.newPage();
    page.on('dialog', (d) => {
      hits.push(`feed HTML: dialog ${d.message()}`);
      void d.dismiss();
    });
    page.on('frameattached', (frame) => hits.push(`feed HTML: frame ${frame.url()}`));
    await page.goto(new URL('no-such-page/', server.url).href);
    const findings = await page.evaluate(
      ({ list, inspect }) => {
        const check = new Function(`return (${inspect})()`) as () => string[];
        const all: string[] = [];
        for (const { where, html, text } of list) {
          document.body.innerHTML = `<main>${html}</main>`;
          for (const f of check()) all.push(`${where}: ${f}`);
          const shown = (document.body.textContent ?? '').replace(/\s+/g, ' ').trim();
          if (text !== undefined && shown !== text) all.push(`${where}: shows ${JSON.stringify(shown)}, not the text as written`);
        }
        return all;
      },
      { list: fragments, inspect: inspectDom.toString() },
    );
    await page.evaluate(() => new Promise((done) => setTimeout(done, 0)));
    hits.push(...findings);
    await page.close();
  }

  /** feedsmith gives text constructs either as strings or as `{ value, type }`. */
  const textOf = (t: unknown): { value: string; type?: string } =>
    typeof t === 'string' ? { value: t } : { value: String((t as { value?: unknown } | undefined)?.value ?? ''), type: (t as { type?: string } | undefined)?.type };

  it('every feed is well-formed and carries each title exactly, and its HTML is inert', async () => {
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).map((f) => f.split(path.sep).join('/'));
    const feeds = files.filter((f) => /(^|\/)history\.(atom|rss|json)$/.test(f));
    assert.ok(feeds.includes('history.atom') && feeds.includes('history.rss') && feeds.includes('history.json'), `feeds: ${feeds.join(', ')}`);
    const titles = new Set(expected.incidents.map((i) => normal(i.title)));
    const asWritten = new Set(expected.incidents.map((i) => inXml(i.title)));
    const fragments: { where: string; html: string; text?: string }[] = [];
    for (const file of feeds) {
      const text = read(file);
      let feedTitle: unknown;
      const entries: { title: { value: string; type?: string }; html?: string }[] = [];
      if (file.endsWith('.atom')) {
        hits.push(...wellFormed(text, file));
        const feed = parseAtomFeed(text);
        feedTitle = feed.title;
        for (const e of feed.entries ?? []) entries.push({ title: textOf(e.title), html: textOf(e.content ?? e.summary).value });
      } else if (file.endsWith('.rss')) {
        hits.push(...wellFormed(text, file));
        const feed = parseRssFeed(text);
        feedTitle = feed.title;
        for (const item of feed.items ?? []) entries.push({ title: textOf(item.title), html: item.content?.encoded ?? item.description });
      } else {
        const feed = parseJsonFeed(JSON.parse(text));
        feedTitle = feed.title;
        for (const item of feed.items ?? []) entries.push({ title: textOf(item.title), html: item.content_html });
      }
      const shownTitle = textOf(feedTitle);
      if (shownTitle.type === 'html') fragments.push({ where: `${file} title`, html: shownTitle.value });
      else assert.ok(normal(shownTitle.value).includes(normal(expected.siteName)), `${file}: the feed title carries the site name as written`);
      assert.ok(entries.length > 0, `${file} has entries`);
      for (const e of entries) {
        const where = `${file} "${e.title.value.slice(0, 30)}"`;
        // A title of type html is HTML whose text is the title; any other title is the text itself.
        if (e.title.type === 'html') fragments.push({ where: `${where} title`, html: e.title.value, text: [...titles].find((t) => t === normal(e.title.value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'))) ?? '(no incident title)' });
        else if (file.endsWith('.rss')) {
          if (!asWritten.has(e.title.value)) rssTitleMismatches.push(`${where}: ${JSON.stringify(e.title.value)}`);
          if (file === 'history.rss') rssTitlesRead.add(e.title.value);
        } else assert.ok(titles.has(normal(e.title.value)), `${where}: the title is an incident title exactly`);
        if (e.html) fragments.push({ where, html: e.html });
      }
    }
    await assertHtmlInert(fragments);
    assertNoHits();
  });

  // Regression: the feed library puts RSS titles in CDATA, splits only the first "]]>" there, and
  // feedsmith drops "<!--…-->" inside CDATA (payloads 52 and 26); src/outputs/feeds.ts writes them as escaped text.
  it('RSS titles read back exactly as written', () => {
    assert.deepEqual(rssTitleMismatches, []);
    assert.deepEqual(expected.incidents.map((i) => inXml(i.title)).filter((t) => !rssTitlesRead.has(t)), [], 'history.rss has every incident');
  });

  it('the JSON API carries names, titles and bodies exactly; its HTML bodies are inert', async () => {
    const files = readdirSync(path.join(out, 'api/v2'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    assert.ok(files.length > N, `${files.length} API files`);
    const strings = new Set<string>();
    const fragments: { where: string; html: string }[] = [];
    for (const file of files) {
      const walk = (value: unknown, key: string) => {
        if (typeof value === 'string') {
          strings.add(value);
          if (/html/i.test(key)) fragments.push({ where: `api/v2/${file} ${key}`, html: value });
        } else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
      };
      walk(JSON.parse(read(`api/v2/${file}`)), '');
    }
    const must = [
      expected.siteName,
      ...expected.components.map((c) => c.name),
      ...expected.groups.map((g) => g.name),
      ...expected.incidents.flatMap((i) => [i.title, ...i.bodies.map((b) => b.trim())]),
      ...expected.maintenances.flatMap((m) => [m.title, m.body.trim()]),
    ];
    const missing = must.filter((s) => !strings.has(s));
    assert.deepEqual(missing, [], 'each text appears in the API exactly as written');
    await assertHtmlInert(fragments);
    assertNoHits();
  });

  it('the calendar, badge, sitemap and editor config parse and carry the names exactly', () => {
    const ics = read('maintenance.ics');
    const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    const summaries = calendar.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('summary')));
    for (const m of expected.maintenances) assert.ok(summaries.some((summary) => summary.includes(m.title)), `maintenance.ics has "${m.title}"`);
    const xml = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(svg|xml)$/.test(f) && !f.startsWith('admin'));
    assert.ok(xml.includes('badge.svg') && xml.includes('sitemap.xml'), xml.join(', '));
    assert.deepEqual(xml.flatMap((f) => wellFormed(read(f), f)), [], 'no SVG or XML file can run script');
    const config = parseYaml(read('admin/config.yml')) as unknown;
    const labels = JSON.stringify(config);
    for (const c of expected.components) assert.ok(labels.includes(JSON.stringify(c.name)), `admin/config.yml labels ${c.id} with its name`);
  });
});
