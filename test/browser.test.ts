import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { loadContent } from '../src/content/load.ts';
import { stateAt, type StatusState } from '../src/state/status.ts';
import { browserSkipReason, launchBrowser, serveStatic, type StaticServer } from './helpers/browser.ts';
import { SAMPLE_NOW, sampleSite } from './helpers/build.ts';

const SEED = '2021-02-18-web-apps-intermittent-errors';
const PAGES = ['/', `/incidents/${SEED}/`, '/components/web-apps/', '/components/api/', '/history/'];

// Axe, off-origin requests and script errors on these pages, in both schemes: readers.test.ts.
describe('the sample site in Chromium', { skip: browserSkipReason }, () => {
  let server: StaticServer;
  let browser: Browser;
  let state: StatusState;

  before(async () => {
    const out = sampleSite();
    state = stateAt(loadContent(path.resolve(import.meta.dirname, '../content')), Date.parse(SAMPLE_NOW));
    [server, browser] = await Promise.all([serveStatic(out), launchBrowser()]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh context that blocks and records every request leaving the test server's origin. */
  async function isolatedContext(options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; offOrigin: string[] }> {
    const context = await browser.newContext(options);
    const offOrigin: string[] = [];
    const origin = new URL(server.url).origin;
    const allowed = (url: string) => /^(data|blob|about):/.test(url) || new URL(url).origin === origin;
    context.on('request', (request) => {
      if (!allowed(request.url())) offOrigin.push(request.url());
    });
    await context.route('**', async (route) => {
      const url = route.request().url();
      if (allowed(url)) return route.continue();
      if (!offOrigin.includes(url)) offOrigin.push(url);
      return route.abort('blockedbyclient');
    });
    return { context, offOrigin };
  }

  it('works with JavaScript disabled: banner, components and incident updates are in the page', async () => {
    const { context, offOrigin } = await isolatedContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      const banner = (await page.locator('.banner').innerText()).trim();
      assert.equal(banner, state.description);
      const shown = state.components.filter((c) => !(c.component.only_show_if_degraded && c.state === 'operational'));
      // textContent, not innerText: a collapsed group's rows are in the page but not rendered.
      const names = await page.locator('li.component .head a').allTextContents();
      assert.deepEqual(names.map((n) => n.trim()).sort(), shown.map((c) => c.component.name).sort());
      // Each component shows its 90 daily bars with their text, no script needed.
      assert.equal(await page.locator('li.component ol.bars > li').count(), shown.length * 90);
      for (const open of state.open) {
        assert.ok(await page.getByRole('link', { name: open.incident.title }).first().isVisible(), `open incident "${open.incident.title}" is not visible`);
      }

      await page.goto(new URL(`incidents/${SEED}/`, server.url).href);
      const seed = state.incidents.find((i) => i.incident.id === SEED)!;
      const updates = page.locator('.updates .update');
      assert.equal(await updates.count(), seed.updates.length);
      const labels = (await updates.locator('h2').allInnerTexts()).map((l) => l.trim());
      assert.deepEqual(labels, seed.updates.map((u) => u.label).reverse());
      for (const text of await updates.allInnerTexts()) assert.match(text, /Posted \w{3} \d{1,2}, \d{4} - \d{2}:\d{2} /);
      assert.deepEqual(offOrigin, []);
    } finally {
      await context.close();
    }
  });

  it('fits a 360 px wide screen without horizontal scrolling', async () => {
    const { context } = await isolatedContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      const tooWide: string[] = [];
      for (const pagePath of PAGES) {
        await page.goto(new URL(pagePath.slice(1), server.url).href);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 360) tooWide.push(`${pagePath}: ${width}px`);
      }
      assert.deepEqual(tooWide, [], 'pages wider than a 360 px screen');
    } finally {
      await context.close();
    }
  });
});
