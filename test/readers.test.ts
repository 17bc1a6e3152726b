import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { SECURITY_HEADERS } from '../src/outputs/headers.ts';
import { loadLocale } from '../src/view/i18n.ts';
import { browserSkipReason, launchBrowser, serveStatic, type StaticServer } from './helpers/browser.ts';
import { build, SAMPLE_NOW, sampleSite } from './helpers/build.ts';

/**
 * What a reader gets from the enhancement scripts and the stylesheet, in headless Chromium, with
 * the site's real Content-Security-Policy: stamps in their own zone, live refresh, search, narrow
 * screens, right-to-left, print, and axe with zero violations of any impact.
 */

const SEED = '2021-02-18-web-apps-intermittent-errors';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Summary {
  components: { id: string; name: string; status: string; group: boolean; group_id: string | null }[];
  incidents: { id: string; name: string; status: string; impact: string; incident_updates: { id: string; status: string; body: string; display_at: string; created_at: string }[]; components: unknown[] }[];
  status: { indicator: string; description: string };
}

// Lets a test pretend the tab is hidden: Chromium has no switch for it.
const HIDDEN_SWITCH = `Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get() { return window.__hidden === true; } });`;
const COLLECT_CSP = `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`;

describe('reader features in Chromium', { skip: browserSkipReason }, () => {
  let browser: Browser;
  let server: StaticServer;
  let out: string;
  let summary: Summary;
  /** The sample in Arabic, published under /status/. */
  let rtl: { server: StaticServer; out: string };

  before(async () => {
    out = sampleSite();
    summary = JSON.parse(readFileSync(path.join(out, 'api/v2/summary.json'), 'utf8')) as Summary;
    const content = mkdtempSync(path.join(tmpdir(), 'status-rtl-'));
    cpSync(path.resolve(import.meta.dirname, '../content'), content, { recursive: true });
    const site = path.join(content, 'site.yml');
    writeFileSync(site, readFileSync(site, 'utf8').replace(/^locale: .*$/m, 'locale: ar').replace(/^url: .*$/m, 'url: https://status.example.org/status/'));
    const built = await build({ content });
    assert.equal(built.status, 0, built.stderr);
    [browser, server, rtl] = await Promise.all([launchBrowser(), serveStatic(out), serveStatic(built.out).then((s) => ({ server: s, out: built.out }))]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await rtl?.server.close();
  });

  interface Opened {
    context: BrowserContext;
    page: Page;
    /** Page errors, failed requests and Content-Security-Policy violations. */
    problems: () => Promise<string[]>;
  }

  /**
   * A page served as the CDN serves it (with the security headers), optionally under a sub-path
   * mapped onto `site`. Every request off the test server fails the test.
   */
  async function open(url: string, options: BrowserContextOptions & { site?: StaticServer; prefix?: string } = {}): Promise<Opened> {
    const { site = server, prefix = '/', ...contextOptions } = options;
    const context = await browser.newContext({ timezoneId: 'UTC', ...contextOptions });
    let closing = false;
    context.on('close', () => (closing = true));
    const problems: string[] = [];
    const origin = new URL(site.url).origin;
    await context.addInitScript(COLLECT_CSP);
    await context.route('**', async (route) => {
      const requested = new URL(route.request().url());
      if (requested.origin !== origin) {
        problems.push(`request off the origin: ${requested.href}`);
        return route.abort('blockedbyclient');
      }
      if (!requested.pathname.startsWith(prefix)) problems.push(`request outside ${prefix}: ${requested.pathname}`);
      const target = new URL(requested.pathname.slice(prefix.length - 1) + requested.search, site.url);
      try {
        const response = await route.fetch({ url: target.href });
        if (response.status() >= 400) problems.push(`${response.status()} for ${requested.pathname}`);
        await route.fulfill({ response, headers: { ...response.headers(), ...SECURITY_HEADERS } });
      } catch (error) {
        // A request cut short by a navigation or by the test closing its context is no finding.
        if (!closing && !/disposed|closed|destroyed/i.test(String(error))) problems.push(`request failed: ${String(error)}`);
      }
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    await page.goto(new URL(url.replace(/^\//, ''), new URL(prefix, site.url)).href, { waitUntil: 'load' });
    return {
      context,
      page,
      problems: async () => [...problems, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).map((v) => `CSP violation: ${v}`)],
    };
  }

  describe('times in the reader’s zone', () => {
    it('shows every stamp in the reader’s zone, with a button back to the site zone that is remembered', async () => {
      const { context, page, problems } = await open(`/incidents/${SEED}/`, { timezoneId: 'America/New_York' });
      try {
        const posted = page.locator('.postmortem .posted time');
        assert.equal(await posted.innerText(), 'Feb 25, 2021 - 05:54 EST');
        assert.equal(await posted.getAttribute('datetime'), '2021-02-25T10:54:00.000Z');
        assert.deepEqual(
          (await page.locator('.updates .posted time').allInnerTexts()).map((t) => t.trim()),
          ['Feb 18, 2021 - 11:18 EST', 'Feb 18, 2021 - 11:00 EST', 'Feb 18, 2021 - 10:46 EST', 'Feb 18, 2021 - 09:50 EST'],
        );
        assert.match(await page.locator('footer .zone-note').innerText(), /your time zone, America\/New_York/);

        const toggle = page.getByRole('button', { name: 'Show times in UTC' });
        assert.ok(await toggle.isVisible());
        await toggle.click();
        assert.equal(await posted.innerText(), 'Feb 25, 2021 - 10:54 UTC');
        assert.equal(await page.locator('footer .zone-note').innerText(), 'Times are shown in UTC.');

        // The choice holds on the next page.
        await page.goto(page.url());
        assert.equal(await page.locator('.postmortem .posted time').innerText(), 'Feb 25, 2021 - 10:54 UTC');
        await page.getByRole('button', { name: 'Show times in your time zone' }).click();
        await page.goto(page.url());
        assert.equal(await page.locator('.postmortem .posted time').innerText(), 'Feb 25, 2021 - 05:54 EST');
        assert.deepEqual(await problems(), []);
      } finally {
        await context.close();
      }
    });

    it('adds no button when the reader is in the site’s zone, or has no JavaScript', async () => {
      for (const options of [{ timezoneId: 'Etc/UTC' }, { timezoneId: 'Asia/Tokyo', javaScriptEnabled: false }]) {
        const { context, page, problems } = await open(`/incidents/${SEED}/`, options);
        try {
          assert.equal(await page.locator('button').count(), 0, JSON.stringify(options));
          assert.equal(await page.locator('.postmortem .posted time').innerText(), 'Feb 25, 2021 - 10:54 UTC');
          if (options.javaScriptEnabled !== false) assert.deepEqual(await problems(), []);
        } finally {
          await context.close();
        }
      }
    });
  });

  describe('live refresh', () => {
    const changed = (): Summary => {
      const next = structuredClone(summary);
      for (const c of next.components) if (c.id === 'web-apps') c.status = 'major_outage';
      next.status = { indicator: 'critical', description: 'Major System Outage' };
      const webApps = next.components.find((c) => c.id === 'web-apps')!;
      next.incidents.unshift({
        id: '2026-11-21-web-apps-down',
        name: 'Web Apps unavailable',
        status: 'investigating',
        impact: 'critical',
        incident_updates: [
          { id: 'u1', status: 'investigating', body: 'Pages fail to load.\n\nWe are looking into <b>it</b>.', display_at: '2026-11-21T00:00:30.000Z', created_at: '2026-11-21T00:00:30.000Z' },
        ],
        components: [webApps],
      });
      return next;
    };

    it('updates the banner, component states and open incidents in place, and announces it', async () => {
      const { context, page, problems } = await open('/', { timezoneId: 'UTC' });
      try {
        const responses: Summary[] = [summary, changed(), { ...summary, incidents: [], status: { indicator: 'none', description: 'All Systems Operational' }, components: summary.components.map((c) => ({ ...c, status: 'operational' })) }];
        const requested: string[] = [];
        await page.clock.install({ time: new Date(Date.parse(SAMPLE_NOW) + 60_000) });
        await page.route('**/api/v2/summary.json', (route) => {
          requested.push(new URL(route.request().url()).pathname);
          return route.fulfill({ json: responses.shift() ?? summary });
        });
        await page.reload();
        const announcer = page.locator('[role="status"][aria-live="polite"]');
        const cardsBefore = await page.locator('#live-incidents').innerHTML();

        // 1. The API agrees with the page: nothing moves, nothing is announced.
        await page.clock.runFor(60_000);
        await page.locator('#live-incidents[data-checked]').waitFor({ state: 'attached' });
        assert.equal(requested.length, 1);
        assert.equal(await announcer.textContent(), '');
        assert.equal(await page.locator('#live-incidents').innerHTML(), cardsBefore);

        // 2. Web Apps goes down: banner, row, group and a new incident card change in place.
        await page.clock.runFor(60_000);
        await announcer.filter({ hasText: 'Status updated: Major System Outage' }).waitFor();
        assert.equal((await page.locator('.banner').innerText()).trim(), 'Major System Outage');
        assert.match((await page.locator('.banner').getAttribute('class'))!, /\bindicator-critical\b/);
        const row = page.locator('[data-component="web-apps"] .head .state');
        assert.equal(await row.innerText(), 'Major Outage');
        assert.match((await row.getAttribute('class'))!, /\bstate-major_outage\b/);
        assert.equal(await page.locator('[data-group="www"] summary .state').innerText(), 'Major Outage');
        const cards = page.locator('#live-incidents article');
        assert.equal(await cards.count(), 2);
        const card = cards.first();
        assert.equal(await card.locator('h3 a').getAttribute('href'), '/incidents/2026-11-21-web-apps-down/');
        assert.equal(await card.locator('.update strong').innerText(), 'Investigating');
        assert.deepEqual(await card.locator('.body p').allInnerTexts(), ['Pages fail to load.', 'We are looking into <b>it</b>.']);
        assert.equal(await card.locator('.body b').count(), 0, 'API text must never become markup');
        assert.equal(await card.locator('.posted').innerText(), 'Posted Nov 21, 2026 - 00:00 UTC');
        assert.equal(await card.locator('.affects').innerText(), 'This incident affects: www.commcarehq.org (Web Apps).');

        // 3. All clear: the incidents section goes away.
        await page.clock.runFor(60_000);
        await announcer.filter({ hasText: 'Status updated: All Systems Operational' }).waitFor();
        assert.equal(await page.locator('#live-incidents article').count(), 0);
        assert.equal(await page.locator('[data-component="sms"] .head .state').innerText(), 'Operational');
        assert.deepEqual(requested, ['/api/v2/summary.json', '/api/v2/summary.json', '/api/v2/summary.json']);
        assert.deepEqual(await problems(), []);
      } finally {
        await context.close();
      }
    });

    it('stops asking while the tab is hidden and catches up as soon as it is visible again', async () => {
      const { context, page, problems } = await open('/');
      try {
        let fetched = 0;
        let notify: () => void = () => {};
        const first = new Promise<void>((resolve) => (notify = resolve));
        await page.addInitScript(HIDDEN_SWITCH);
        await page.clock.install({ time: new Date(Date.parse(SAMPLE_NOW) + 60_000) });
        await page.route('**/api/v2/summary.json', (route) => {
          fetched++;
          notify();
          return route.fulfill({ json: summary });
        });
        await page.reload();
        await page.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = true));
        await page.clock.runFor(10 * 60_000);
        assert.equal(fetched, 0, 'no request while hidden');
        await page.evaluate(() => {
          (window as unknown as { __hidden: boolean }).__hidden = false;
          document.dispatchEvent(new Event('visibilitychange'));
        });
        await first;
        assert.equal(fetched, 1);
        assert.deepEqual(await problems(), []);
      } finally {
        await context.close();
      }
    });
  });

  describe('search on the history page', () => {
    it('finds incidents by their updates and postmortems, under the site’s CSP', async () => {
      const { context, page, problems } = await open('/history/');
      try {
        const input = page.getByLabel('Search incidents and postmortems');
        await input.fill('concurrency');
        const result = page.locator('.search-results li a').first();
        await result.waitFor();
        assert.equal(await result.innerText(), 'Intermittent errors on Web Apps');
        assert.equal(await result.getAttribute('href'), `/incidents/${SEED}/`);
        assert.ok((await page.locator('.search-results mark').count()) > 0);
        assert.match(await page.locator('.search-status').innerText(), /^Results: \d+$/);

        // The index comes in one part per year; a word from one year brings nothing from the others
        // (Pagefind alone would answer "intermittent" with every page holding "in").
        await input.fill('intermittent');
        await page.locator('.search-status', { hasText: 'Results: 1' }).waitFor();
        assert.deepEqual(await page.locator('.search-results li a').allInnerTexts(), ['Intermittent errors on Web Apps']);
        await input.fill('carrier');
        await page.locator('.search-results li a', { hasText: 'Delayed SMS delivery to some mobile networks' }).waitFor();
        assert.ok(!(await page.locator('.search-results li a').allInnerTexts()).includes('Intermittent errors on Web Apps'));

        await input.fill('zebra');
        await page.locator('.search-status', { hasText: 'No incident matches “zebra”.' }).waitFor();
        assert.equal(await page.locator('.search-results li').count(), 0);
        // The archive stays in the page for everyone.
        assert.ok((await page.locator('#archive .incident-list li').count()) >= 16);
        assert.deepEqual(await problems(), []);
      } finally {
        await context.close();
      }
    });
  });

  describe('a right-to-left site under a sub-path', () => {
    const ar = loadLocale('ar').messages;

    it('is Arabic, right to left, and loads everything from under /status/', async () => {
      const { context, page, problems } = await open('/', { site: rtl.server, prefix: '/status/' });
      try {
        assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
        assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
        assert.equal(await page.locator('#components-h').innerText(), ar.home.components);
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
        // Logical properties: the incident card's accent border is on the right.
        const borders = await page.locator('.incident-card').first().evaluate((e) => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]);
        assert.deepEqual(borders, ['6px', '1px']);
        assert.deepEqual(await problems(), []);
      } finally {
        await context.close();
      }
    });

    it('searches and refreshes through the base path', async () => {
      const { context, page, problems } = await open('/history/', { site: rtl.server, prefix: '/status/' });
      try {
        await page.getByLabel(ar.search.label).fill('concurrency');
        const result = page.locator('.search-results li a').first();
        await result.waitFor();
        assert.equal(await result.getAttribute('href'), `/status/incidents/${SEED}/`);

        await page.clock.install({ time: new Date(Date.parse(SAMPLE_NOW) + 60_000) });
        await page.goto(new URL('status/', rtl.server.url).href);
        const fetched = page.waitForRequest('**/api/v2/summary.json');
        await page.clock.runFor(60_000);
        assert.equal(new URL((await fetched).url()).pathname, '/status/api/v2/summary.json');
        assert.deepEqual(await problems(), []);
      } finally {
        await context.close();
      }
    });
  });

  describe('narrow screens', () => {
    it('no page needs horizontal scrolling at 360 px, in English or in Arabic', async () => {
      const tooWide: string[] = [];
      for (const [site, prefix] of [[server, '/'], [rtl.server, '/status/']] as const) {
        const { context, page, problems } = await open('/', { site, prefix, viewport: { width: 360, height: 740 }, timezoneId: 'Pacific/Chatham' });
        try {
          for (const pagePath of ['/', `/incidents/${SEED}/`, '/components/sms/', '/history/']) {
            await page.goto(new URL(pagePath.slice(1), new URL(prefix, site.url)).href);
            const width = await page.evaluate(() => document.documentElement.scrollWidth);
            if (width > 360) tooWide.push(`${prefix}${pagePath}: ${width}px`);
          }
          assert.deepEqual(await problems(), []);
        } finally {
          await context.close();
        }
      }
      assert.deepEqual(tooWide, []);
    });
  });

  describe('print', () => {
    it('prints an incident as a plain document: no navigation or controls, dark text on white, every update', async () => {
      const { context, page, problems } = await open(`/incidents/${SEED}/`, { timezoneId: 'Europe/Paris', colorScheme: 'dark' });
      try {
        await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
        const shown = async (selector: string) => page.locator(selector).first().evaluate((e) => getComputedStyle(e).display !== 'none');
        assert.equal(await shown('header.site nav'), false);
        assert.equal(await shown('.zone-toggle'), false);
        assert.equal(await shown('.skip'), false);
        assert.equal(await shown('.postmortem'), true);
        const colours = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('h1')!).color, getComputedStyle(document.querySelector('.updates .body')!).color]);
        assert.deepEqual(colours, ['rgb(255, 255, 255)', 'rgb(0, 0, 0)', 'rgb(0, 0, 0)']);
        for (const update of await page.locator('.updates .update').all()) assert.ok(await update.isVisible());
        const pdf = await page.pdf({ format: 'A4' });
        assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
        assert.ok(pages >= 1 && pages <= 4, `${pages} printed pages`);
        assert.deepEqual(await problems(), []);
      } finally {
        await context.close();
      }
    });
  });

  describe('axe', () => {
    const pages = ['/', `/incidents/${SEED}/`, '/components/web-apps/', '/components/api/', '/history/', '/404.html'];
    for (const scheme of ['light', 'dark'] as const) {
      it(`finds no violation of any impact, with the scripts’ controls in place (${scheme})`, async () => {
        const found: string[] = [];
        for (const [site, prefix, list] of [[server, '/', pages], [rtl.server, '/status/', ['/']]] as const) {
          const { context, page, problems } = await open('/', { site, prefix, colorScheme: scheme, timezoneId: 'America/New_York' });
          try {
            for (const pagePath of list) {
              await page.goto(new URL(pagePath.slice(1), new URL(prefix, site.url)).href);
              if (pagePath === '/history/') {
                await page.locator('#search-q').fill('database');
                await page.locator('.search-results li').first().waitFor();
              }
              // Evaluated through the DevTools protocol: an injected <script> would be blocked by the CSP.
              await page.evaluate(axeSource);
              const violations = await page.evaluate(async () => {
                const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact?: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
                return (await axe.run()).violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(', ')}`);
              });
              found.push(...violations.map((v) => `${prefix}${pagePath}: ${v}`));
            }
            found.push(...(await problems()));
          } finally {
            await context.close();
          }
        }
        assert.deepEqual(found, []);
      });
    }
  });
});
