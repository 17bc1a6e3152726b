import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CACHE_CONTROL, CORS_HEADERS, headersFor, SECURITY_HEADERS } from '../src/outputs/headers.ts';
import { browserSkipReason, launchBrowser } from './helpers/browser.ts';
import { build } from './helpers/build.ts';

/**
 * The status embed as another site uses it: the sample site served under /status/ on 127.0.0.1
 * with the headers of our table, and a host page on a second origin (localhost) whose CSP allows
 * only that origin's scripts and connections. Every wait is bounded.
 */

const PREFIX = '/status/';
const WAIT = 5_000;
const temp = mkdtempSync(path.join(tmpdir(), 'status-embed-'));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Update {
  id: string;
  status: string;
  display_at: string;
  created_at: string;
}
interface Item {
  id: string;
  name: string;
  status: string;
  impact: string;
  shortlink: string;
  updated_at: string;
  incident_updates: Update[];
}
interface Summary {
  page: { id: string; name: string; url: string };
  incidents: Item[];
  scheduled_maintenances: Item[];
}

/** Listens on a free port of the given loopback address. */
function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });
}
const close = (server: Server) =>
  new Promise<void>((done) => {
    server.closeAllConnections();
    server.close(() => done());
  });

describe('status embed on another site', { skip: browserSkipReason }, () => {
  let browser: Browser;
  let out: string;
  let siteOrigin: string;
  let hostUrl: string;
  let summary: Summary;
  /** What the site answers for api/v2/summary.json instead of the built file, when set. */
  let served: Summary | undefined;
  /** Paths the site was asked for. */
  const requests: string[] = [];

  // Our side: the built files under PREFIX with the headers `_headers` gives them (CORS included).
  const site = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(pathname);
    let key = pathname.startsWith(PREFIX) ? pathname.slice(PREFIX.length) : '\0';
    if (key === '' || key.endsWith('/')) key += 'index.html';
    const file = path.join(out, key);
    if (!file.startsWith(out + path.sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    const h = headersFor(key);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': h.contentType,
      'cache-control': h.cacheControl,
      ...(h.cors ? CORS_HEADERS : {}),
    });
    res.end(key === 'api/v2/summary.json' && served ? JSON.stringify(served) : readFileSync(file));
  });

  // Their side: one page with a strict policy and our script tag; attributes come from the query.
  const hostPage = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const position = query.get('position') ? ` data-position="${query.get('position')}"` : '';
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; script-src ${siteOrigin}; connect-src ${siteOrigin}`,
    });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host app</title><script src="${siteOrigin}${PREFIX}embed/script.js" data-refresh="1"${position}></script></head>
<body><main><h1>Host app</h1><p>The host's own content.</p></main></body></html>`);
  });

  before(async () => {
    // The site's address must be known before it is built: its API links are absolute.
    siteOrigin = `http://127.0.0.1:${await listen(site, '127.0.0.1')}`;
    hostUrl = `http://localhost:${await listen(hostPage, '127.0.0.1')}/`;
    const content = path.join(temp, 'content');
    cpSync(path.resolve(import.meta.dirname, '../content'), content, { recursive: true });
    const siteFile = path.join(content, 'site.yml');
    writeFileSync(siteFile, readFileSync(siteFile, 'utf8').replace(/^url: .*$/m, `url: ${siteOrigin}${PREFIX}`));
    const built = await build({ content, out: path.join(temp, 'site') });
    assert.equal(built.status, 0, built.stderr);
    out = path.resolve(built.out);
    summary = JSON.parse(readFileSync(path.join(out, 'api/v2/summary.json'), 'utf8')) as Summary;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await Promise.all([close(site), close(hostPage)]);
    rmSync(temp, { recursive: true, force: true });
  });

  /** A fresh reader of the host page; `problems` collects CSP violations, console errors and script errors. */
  async function reader(options: { colorScheme?: 'light' | 'dark'; width?: number } = {}) {
    const context = await browser.newContext({
      timezoneId: 'UTC',
      locale: 'en-US',
      colorScheme: options.colorScheme ?? 'light',
      viewport: { width: options.width ?? 1280, height: 720 },
    });
    const problems: string[] = [];
    await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => console.error('CSP ' + e.violatedDirective + ' ' + e.blockedURI));`);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    return { context, page, problems };
  }

  const card = (page: Page) => page.locator('[data-status-embed] section[role="status"]');
  const summaryUrl = () => `${siteOrigin}${PREFIX}api/v2/summary.json`;
  /** Waits for the next answer to the script's request for the summary, and for the script to act on it. */
  async function nextSummary(page: Page, action?: () => Promise<unknown>) {
    await Promise.all([page.waitForResponse(summaryUrl(), { timeout: WAIT }), action?.()]);
    await page.evaluate(() => new Promise((done) => setTimeout(done, 150)));
  }
  const embedKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('status-embed:')).sort());

  it('is served with CORS and a short cache, from the path Statuspage uses', () => {
    for (const key of ['embed/script.js', 'api/v2/summary.json']) {
      const h = headersFor(key);
      assert.equal(h.cors, true, key);
      assert.equal(h.cacheControl, CACHE_CONTROL.short, key);
    }
    assert.equal(headersFor('embed/script.js').contentType, 'text/javascript; charset=utf-8');
    const headersFile = readFileSync(path.join(out, '_headers'), 'utf8');
    for (const pattern of ['/status/embed/script.js', '/status/api/v2/*', '/embed/script.js']) {
      assert.match(headersFile, new RegExp(`^${pattern.replace(/[.*]/g, '\\$&')}\\n(  .*\\n)*  Access-Control-Allow-Origin: \\*$`, 'm'), pattern);
    }
    // Built from the source with the site's strings, and still plain JavaScript.
    const script = readFileSync(path.join(out, 'embed/script.js'), 'utf8');
    assert.match(script, /\/\*texts\*\/ \{"lang":"en","dir":"ltr","heading":"\{name\} status","dismiss":"Dismiss"/);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`shows the open incident with its status, time and link, passes axe (${colorScheme}), and breaks no host CSP`, async () => {
      served = undefined;
      requests.length = 0;
      const { context, page, problems } = await reader({ colorScheme });
      try {
        await page.goto(hostUrl);
        const open = summary.incidents[0]!;
        const latest = open.incident_updates[0]!;
        const title = card(page).locator('.title a');
        await title.waitFor({ timeout: WAIT });
        assert.equal(await title.textContent(), open.name);
        assert.equal(await title.getAttribute('href'), `${siteOrigin}${PREFIX}incidents/2026-11-20-delayed-sms-delivery-carrier/`);
        assert.equal(await card(page).locator('.heading').textContent(), 'CommCare HQ status');
        assert.equal(await card(page).locator('.meta').textContent(), 'Monitoring · Nov 20, 17:30 UTC');
        assert.equal(await card(page).locator('.meta time').getAttribute('datetime'), latest.display_at);
        assert.equal(await card(page).locator('.more').count(), 0, 'one incident, and the maintenance is only scheduled');
        assert.equal(await card(page).getAttribute('aria-live'), 'polite');
        assert.ok(await page.getByRole('button', { name: 'Dismiss' }).isVisible());
        // Bottom right by default, 16 px from the corner.
        const box = (await card(page).boundingBox())!;
        assert.ok(Math.abs(1280 - (box.x + box.width) - 16) <= 1 && Math.abs(720 - (box.y + box.height) - 16) <= 1, JSON.stringify(box));
        // Read from under the site's sub-path, nothing else.
        assert.deepEqual([...new Set(requests)].sort(), [`${PREFIX}api/v2/summary.json`, `${PREFIX}embed/script.js`]);

        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
          return (await axe.run()).violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
        });
        assert.deepEqual(violations, []);
        // axe looked inside the shadow root (a target there is [host, element]): it checked the card's button and link.
        const checked = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(o: object): Promise<{ passes: { nodes: { target: unknown }[] }[] }> } }).axe;
          return JSON.stringify((await axe.run({ runOnly: ['button-name', 'link-name'] })).passes.flatMap((p) => p.nodes.map((n) => n.target)));
        });
        assert.equal(checked, JSON.stringify([[['div', 'button']], [['div', 'a']]]));
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  it('stays dismissed across a reload until a new update, and is keyboard operable', async () => {
    served = undefined;
    const { context, page, problems } = await reader();
    try {
      await page.goto(hostUrl);
      await card(page).locator('.title a').waitFor({ timeout: WAIT });
      // Tab reaches the link, then the button; Enter on the button dismisses.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.querySelector('[data-status-embed]')?.shadowRoot?.activeElement?.textContent), summary.incidents[0]!.name);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.querySelector('[data-status-embed]')?.shadowRoot?.activeElement?.getAttribute('aria-label'));
      assert.equal(focused, 'Dismiss');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('[data-status-embed]').count(), 0, 'the card is gone, with its host element');
      const open = summary.incidents[0]!;
      assert.deepEqual(await embedKeys(page), [`status-embed:${summary.page.id}:${open.id}:${open.incident_updates[0]!.id}`]);

      await nextSummary(page, () => page.reload());
      assert.equal(await page.locator('[data-status-embed]').count(), 0, 'still dismissed after a reload');
      await nextSummary(page);
      assert.equal(await page.locator('[data-status-embed]').count(), 0, 'still dismissed after a refresh');

      // A new update: the card comes back at the next refresh, and the old dismissal is dropped.
      const changed = structuredClone(summary);
      const incident = changed.incidents[0]!;
      incident.incident_updates.unshift({ ...incident.incident_updates[0]!, id: 'newupdate001', status: 'identified', display_at: '2026-11-20T18:05:00.000Z', created_at: '2026-11-20T18:05:00.000Z' });
      served = changed;
      await card(page).locator('.title a').waitFor({ timeout: WAIT });
      assert.equal(await card(page).locator('.meta').textContent(), 'Identified · Nov 20, 18:05 UTC');
      assert.deepEqual(await embedKeys(page), []);
      assert.deepEqual(problems, []);
    } finally {
      served = undefined;
      await context.close();
    }
  });

  it('adds nothing to the page while nothing is active, and shows a maintenance in progress', async () => {
    // Only the scheduled (not yet started) maintenance is left.
    served = { ...structuredClone(summary), incidents: [] };
    const { context, page, problems } = await reader();
    try {
      await nextSummary(page, () => page.goto(hostUrl));
      await nextSummary(page);
      const html = await page.evaluate(() => document.documentElement.outerHTML);
      assert.equal(await page.locator('[data-status-embed]').count(), 0);
      assert.equal(html.includes('data-status-embed'), false);
      assert.equal(await page.evaluate(() => document.body.children.length), 1, 'the host page as it came');

      const running = structuredClone(summary.scheduled_maintenances[0]!);
      running.status = 'in_progress';
      running.incident_updates.unshift({ ...running.incident_updates[0]!, id: 'started0001', status: 'in_progress', display_at: '2026-11-28T22:00:00.000Z' });
      served = { ...structuredClone(summary), incidents: [], scheduled_maintenances: [running] };
      await card(page).locator('.title a').waitFor({ timeout: WAIT });
      assert.equal(await card(page).locator('.title').textContent(), running.name);
      assert.equal(await card(page).locator('.meta').textContent(), 'In progress · Nov 28, 22:00 UTC');
      assert.match((await card(page).getAttribute('class'))!, /impact-maintenance/);
      assert.deepEqual(problems, []);
    } finally {
      served = undefined;
      await context.close();
    }
  });

  it('shows contributor text as text, links only to the status page, and takes data-position', async () => {
    const worst = structuredClone(summary.incidents[0]!);
    Object.assign(worst, { id: 'x1', impact: 'critical', name: '<img src=x onerror="window.hit=1">Outage & <b>bold</b>', shortlink: 'javascript:window.hit=2' });
    const other = structuredClone(summary.incidents[0]!);
    Object.assign(other, { id: 'x2', shortlink: 'https://elsewhere.example/incidents/x2/' });
    served = { ...structuredClone(summary), incidents: [other, worst] };
    const { context, page, problems } = await reader({ width: 360 });
    try {
      await page.goto(`${hostUrl}?position=bottom-left`);
      const title = card(page).locator('.title');
      await title.waitFor({ timeout: WAIT });
      // The critical one comes first, its title as plain text since its link is not http(s).
      assert.equal(await title.textContent(), worst.name);
      assert.equal(await title.locator('a, img, b').count(), 0);
      assert.equal(await page.evaluate(() => (window as unknown as { hit?: number }).hit), undefined);
      const more = card(page).locator('.more a');
      assert.equal(await more.textContent(), '1 more on the status page');
      assert.equal(await more.getAttribute('href'), `${siteOrigin}${PREFIX}`);
      assert.match((await card(page).getAttribute('class'))!, /impact-critical/);
      // Bottom left, within a phone's width.
      const box = (await card(page).boundingBox())!;
      assert.ok(Math.abs(box.x - 16) <= 1 && Math.abs(box.width - 328) <= 1, JSON.stringify(box));
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'no horizontal scrolling');

      // A link to another origin is dropped too.
      served = { ...structuredClone(summary), incidents: [other] };
      await title.filter({ hasText: other.name }).waitFor({ timeout: WAIT });
      assert.equal(await title.locator('a').count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      served = undefined;
      await context.close();
    }
  });
});
