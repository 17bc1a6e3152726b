import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SECURITY_HEADERS } from '../src/outputs/headers.ts';
import { browserSkipReason, launchBrowser, serveStatic, type StaticServer } from './helpers/browser.ts';
import { build } from './helpers/build.ts';

/**
 * The page between builds, in headless Chromium under the site's CSP with a controlled clock: a
 * maintenance window opens and closes, and the day ends, with no rebuild in between.
 */

// The mini site is in Europe/Berlin (UTC+1): the window is 22:00–01:00 there, 21:00–00:00 UTC,
// and the day ends at 23:00 UTC, inside the window.
const BUILT = Date.parse('2026-11-20T20:00:00Z');
const STARTS = Date.parse('2026-11-20T21:00:00Z');
const DAY_ENDS = Date.parse('2026-11-20T23:00:00Z');
const ENDS = Date.parse('2026-11-21T00:00:00Z');
const ID = '2026-11-20-database-upgrade';
/** The text of an update dated after the build: it must not reach any page before a build after it. */
const FUTURE = 'Text of an update written for later';
const MINUTE = 60_000;
const WAIT = { timeout: 5_000 };

const MAINTENANCE = `---
title: Database upgrade
scheduled_for: 2026-11-20 22:00
scheduled_until: 2026-11-21 01:00
components: [web-apps]
updates:
  - at: 2026-11-20 22:30
    status: in_progress
    body: ${FUTURE}
  - at: 2026-11-18 10:00
    status: scheduled
    body: We will upgrade the database.
---
Web Apps may be slow.
`;

/** An incident still open on the maintained component: it outranks the maintenance. */
const OUTAGE = `---
title: Web Apps errors
impact: major
components:
  web-apps: partial_outage
updates:
  - at: 2026-11-20 20:30
    status: investigating
    body: We are looking into errors.
---
`;

interface HomeView {
  banner?: string;
  webApps?: string;
  core?: string;
  api?: string;
  active: string[];
  upcoming: string[];
  asOf?: string;
  stale: boolean;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const temp = mkdtempSync(path.join(tmpdir(), 'status-clock-'));

/** The mini fixture plus the maintenance (and optional extra files), built at BUILT. */
async function site(name: string, extra: Record<string, string> = {}): Promise<string> {
  const content = path.join(temp, name, 'content');
  cpSync(path.resolve(import.meta.dirname, 'fixtures/mini'), content, { recursive: true });
  mkdirSync(path.join(content, 'maintenance'));
  writeFileSync(path.join(content, 'maintenance', `${ID}.md`), MAINTENANCE);
  for (const [file, text] of Object.entries(extra)) writeFileSync(path.join(content, file), text);
  const built = await build({ content, now: new Date(BUILT).toISOString(), out: path.join(temp, name, 'site') });
  assert.equal(built.status, 0, built.stderr);
  return built.out;
}

describe('the page between builds', { skip: browserSkipReason }, () => {
  let browser: Browser;
  let plain: StaticServer;
  let outage: StaticServer;

  before(async () => {
    const [a, b] = [await site('plain'), await site('outage', { 'incidents/2026-11-20-web-apps-errors.md': OUTAGE })];
    [browser, plain, outage] = await Promise.all([launchBrowser(), serveStatic(a), serveStatic(b)]);
  });

  after(async () => {
    await browser?.close();
    await Promise.all([plain?.close(), outage?.close()]);
    rmSync(temp, { recursive: true, force: true });
  });

  /** A page of `server` opened with the clock at `time`, served with the site's headers. */
  async function open(server: StaticServer, at: number, pagePath = '', javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    // The site's own zone, so the page's times read as built.
    const context = await browser.newContext({ timezoneId: 'Europe/Berlin', javaScriptEnabled });
    const problems: string[] = [];
    await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => console.error('CSP ' + e.violatedDirective));`);
    await context.route('**', async (route) => {
      // A request still under way when its test closes the context has nobody to answer.
      await route
        .fetch()
        .then((response) => route.fulfill({ response, headers: { ...response.headers(), ...SECURITY_HEADERS } }))
        .catch(() => undefined);
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.clock.install({ time: at });
    await page.goto(new URL(pagePath, server.url).href, { waitUntil: 'load' });
    return { context, page, problems };
  }

  /** What a reader in a hurry sees on the home page. */
  const home = (page: Page): Promise<HomeView> =>
    // A string, so the page evaluates it as written (no helpers added by the TypeScript loader).
    page.evaluate(`(() => {
      const text = (selector) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent.trim());
      return {
        banner: text('.banner p')[0],
        webApps: text('[data-component="web-apps"] .head .state')[0],
        core: text('[data-group="core"] summary .state')[0],
        api: text('[data-component="api"] .head .state')[0],
        active: text('[data-maintenance-list="active"] .maintenance-card .window > strong'),
        upcoming: text('[data-maintenance-list="upcoming"] .maintenance-card .window > strong'),
        asOf: text('.as-of')[0],
        stale: document.querySelector('.as-of').classList.contains('stale'),
      };
    })()`);

  const AS_OF = 'As of Nov 20, 2026 - 21:00 GMT+1';
  const BEFORE: HomeView = { banner: 'All Systems Operational', webApps: 'Operational', core: 'Operational', api: 'Operational', active: [], upcoming: ['Scheduled'], asOf: AS_OF, stale: false };

  it('follows the window on the home page: scheduled, in progress, stale after the day ends, then back', async () => {
    const { context, page, problems } = await open(plain, BUILT);
    try {
      assert.deepEqual(await home(page), BEFORE);

      await page.clock.fastForward(STARTS - BUILT + MINUTE);
      await page.locator('.banner', { hasText: 'Service Under Maintenance' }).waitFor(WAIT);
      assert.deepEqual(await home(page), {
        ...BEFORE,
        banner: 'Service Under Maintenance',
        webApps: 'Under Maintenance',
        core: 'Under Maintenance',
        active: ['In progress'],
        upcoming: [],
      });
      assert.equal(await page.locator('[data-maintenance-list="upcoming"]').count(), 0, 'the emptied list goes, as the build writes none');
      assert.ok(await page.locator('.banner.indicator-maintenance').isVisible());

      await page.clock.fastForward(DAY_ENDS - STARTS);
      await page.locator('.as-of.stale').waitFor(WAIT);
      assert.equal((await home(page)).asOf, 'As of Nov 20, 2026 - 21:00 GMT+1. This page is out of date.');

      await page.clock.fastForward(ENDS - DAY_ENDS);
      await page.locator('.banner', { hasText: 'All Systems Operational' }).waitFor(WAIT);
      assert.deepEqual(await home(page), { ...BEFORE, upcoming: [], asOf: 'As of Nov 20, 2026 - 21:00 GMT+1. This page is out of date.', stale: true });
      assert.equal(await page.locator('.maintenance-card').count(), 0, 'a completed maintenance leaves the home page');
      assert.ok(!(await page.content()).includes(FUTURE));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('applies what is already due when opened late, and live refresh (the API as built) does not undo it', async () => {
    const { context, page, problems } = await open(plain, STARTS + 30 * MINUTE);
    try {
      const inside = { ...BEFORE, banner: 'Service Under Maintenance', webApps: 'Under Maintenance', core: 'Under Maintenance', active: ['In progress'], upcoming: [] };
      assert.deepEqual(await home(page), inside);
      // The first refresh reads the API, built before the window: what it says is seen through the clock.
      await page.clock.runFor(MINUTE + 1_000);
      await page.locator('#live-incidents[data-checked]').waitFor({ state: 'attached', ...WAIT });
      assert.deepEqual(await home(page), inside);
      assert.equal(await page.locator('[role="status"]').textContent(), '', 'nothing changed, nothing announced');

      // Evaluated by the test rather than added as a tag: the page's CSP rightly blocks inline script.
      await page.evaluate(axeSource);
      const blocking = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact?: string | null }[] }> } }).axe;
        return (await axe.run()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      assert.deepEqual(blocking, [], 'axe: serious or critical violations on the page the clock changed');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('never shows maintenance over an incident that already shows the component worse', async () => {
    const { context, page, problems } = await open(outage, STARTS + MINUTE);
    try {
      const shown = await home(page);
      assert.equal(shown.webApps, 'Partial Outage');
      assert.equal(shown.core, 'Partial Outage');
      assert.equal(shown.banner, 'Partial System Outage');
      assert.deepEqual(shown.active, ['In progress']);
      await page.clock.fastForward(ENDS - STARTS);
      await page.locator('.maintenance-card').waitFor({ state: 'detached', ...WAIT });
      assert.equal((await home(page)).webApps, 'Partial Outage');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it("moves the maintenance page's status label and its affected sentence", async () => {
    const { context, page, problems } = await open(plain, BUILT, `maintenance/${ID}/`);
    try {
      const label = page.locator('.maintenance-page .window > strong');
      assert.equal(await label.textContent(), 'Scheduled');
      await page.clock.fastForward(STARTS - BUILT);
      await page.locator('.maintenance-page .window > strong', { hasText: 'In progress' }).waitFor(WAIT);
      assert.equal(await page.locator('.affected').textContent(), 'This scheduled maintenance affects: Core (Web Apps).');
      await page.clock.fastForward(ENDS - STARTS);
      await page.locator('.maintenance-page .window > strong', { hasText: 'Completed' }).waitFor(WAIT);
      assert.equal(await page.locator('.affected').textContent(), 'This scheduled maintenance affected: Core (Web Apps).');
      assert.ok(!(await page.content()).includes(FUTURE));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('reads as built, with the time it was built, without JavaScript', async () => {
    const { context, page } = await open(plain, ENDS + MINUTE, '', false);
    try {
      assert.deepEqual(await home(page), BEFORE);
      assert.ok(await page.locator('.as-of time').isVisible());
    } finally {
      await context.close();
    }
  });
});
