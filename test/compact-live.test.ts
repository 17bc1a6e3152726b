import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SECURITY_HEADERS } from '../src/outputs/headers.ts';
import { browserSkipReason, launchBrowser, serveStatic, type StaticServer } from './helpers/browser.ts';
import { build, SAMPLE_NOW } from './helpers/build.ts';

/**
 * Live refresh of the compact home page, in headless Chromium with the site's CSP: group lines
 * take their worst state from the API, and the components listed under them follow it.
 */

interface ApiComponent {
  id: string;
  name: string;
  status: string;
  group: boolean;
  group_id: string | null;
  components?: string[];
}
interface Summary {
  components: ApiComponent[];
  status: { indicator: string; description: string };
}

const PREFIX = '/status/';
const temp = mkdtempSync(path.join(tmpdir(), 'status-compact-live-'));

describe('live refresh of the compact home page', { skip: browserSkipReason }, () => {
  let browser: Browser;
  let server: StaticServer;
  let summary: Summary;

  before(async () => {
    // The sample in the compact layout under a sub-path, plus an ungrouped component whose id is a
    // group's: the API then names that group "integrations-group", and the component gets the
    // "Other components" line.
    const content = path.join(temp, 'content');
    cpSync(path.resolve(import.meta.dirname, '../content'), content, { recursive: true });
    const site = path.join(content, 'site.yml');
    const yml = readFileSync(site, 'utf8')
      .replace(/^url: .*$/m, `url: https://status.example.org${PREFIX}`)
      .replace(/^locale: .*$/m, '$&\nhome_layout: compact');
    writeFileSync(site, `${yml}  - id: integrations\n    name: Integrations Hub\n    order: 1\n    start_date: 2019-01-01\n`);
    const built = await build({ content, out: path.join(temp, 'site') });
    assert.equal(built.status, 0, built.stderr);
    summary = JSON.parse(readFileSync(path.join(built.out, 'api/v2/summary.json'), 'utf8')) as Summary;
    [browser, server] = await Promise.all([launchBrowser(), serveStatic(built.out)]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  /** The home page under PREFIX with the security headers, the summary answered from `responses`. */
  async function open(responses: Summary[]): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ timezoneId: 'UTC' });
    const problems: string[] = [];
    await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => console.error('CSP ' + e.violatedDirective));`);
    await context.route('**', async (route) => {
      const requested = new URL(route.request().url());
      if (!requested.pathname.startsWith(PREFIX)) problems.push(`request outside ${PREFIX}: ${requested.pathname}`);
      const response = await route.fetch({ url: new URL(requested.pathname.slice(PREFIX.length), server.url).href });
      if (response.status() >= 400) problems.push(`${response.status()} for ${requested.pathname}`);
      await route.fulfill({ response, headers: { ...response.headers(), ...SECURITY_HEADERS } });
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.route('**/api/v2/summary.json', (route) => route.fulfill({ json: responses.shift() ?? summary }));
    await page.clock.install({ time: new Date(Date.parse(SAMPLE_NOW) + 60_000) });
    await page.goto(new URL(PREFIX, server.url).href, { waitUntil: 'load' });
    return { context, page, problems };
  }

  const withStates = (states: Record<string, string>, status: Summary['status']): Summary => ({
    ...structuredClone(summary),
    status,
    components: summary.components.map((c) => ({ ...c, status: states[c.id] ?? 'operational' })),
  });

  /** Each group line: its name, state and state class, and the components listed under it. */
  const lines = (page: Page) =>
    page.locator('.group-lines > .group-line').evaluateAll((items) =>
      items.map((line) => {
        const state = line.querySelector('.head .state')!;
        return {
          name: line.querySelector('.head a')!.textContent,
          state: `${state.className}: ${state.textContent}`,
          listed: Array.from(line.querySelectorAll('.attention li')).map((li) => `${li.getAttribute('data-component')}: ${li.querySelector('.state')!.textContent}`),
          lists: line.querySelectorAll('ul.attention').length,
        };
      }),
    );

  it('updates group lines and their listed components in place, and announces it', async () => {
    const changed = withStates(
      // Listed out of member order on purpose: rows go in where the build would put them.
      { 'app-builder': 'under_maintenance', syncs: 'degraded_performance', 'web-apps': 'major_outage', whatsapp: 'partial_outage', dhis2: 'major_outage', integrations: 'under_maintenance' },
      { indicator: 'critical', description: 'Major System Outage' },
    );
    const { context, page, problems } = await open([summary, changed, withStates({}, { indicator: 'none', description: 'All Systems Operational' })]);
    try {
      const announcer = page.locator('[role="status"][aria-live="polite"]');
      const built = await page.locator('.group-lines').innerHTML();
      const smsRow = await page.locator('.attention [data-component="sms"]').evaluate((e) => e.outerHTML);
      assert.deepEqual((await lines(page)).map((l) => [l.state, l.listed]), [
        ['state state-operational: Operational', []],
        ['state state-degraded_performance: Degraded Performance', ['sms: Degraded Performance']],
        ['state state-operational: Operational', []],
        ['state state-operational: Operational', []],
      ]);

      // 1. The API agrees with the page: nothing moves, nothing is announced.
      await page.clock.runFor(60_000);
      await page.locator('#live-incidents[data-checked]').waitFor({ state: 'attached' });
      assert.equal(await announcer.textContent(), '');
      assert.equal(await page.locator('.group-lines').innerHTML(), built);

      // 2. Outages and maintenance move between builds.
      await page.clock.runFor(60_000);
      await announcer.filter({ hasText: 'Status updated: Major System Outage' }).waitFor();
      assert.deepEqual(await lines(page), [
        {
          name: 'www.commcarehq.org',
          state: 'state state-major_outage: Major Outage',
          listed: ['syncs: Degraded Performance', 'web-apps: Major Outage', 'app-builder: Under Maintenance'],
          lists: 1,
        },
        // SMS is operational again and leaves the list; WhatsApp joins it.
        { name: 'Messaging', state: 'state state-partial_outage: Partial Outage', listed: ['whatsapp: Partial Outage'], lists: 1 },
        // DHIS2 is hidden while operational: once failing, it is listed as the build would.
        { name: 'Integrations', state: 'state state-major_outage: Major Outage', listed: ['dhis2: Major Outage'], lists: 1 },
        // Maintenance alone makes the line "Under Maintenance".
        { name: 'Other components', state: 'state state-under_maintenance: Under Maintenance', listed: ['integrations: Under Maintenance'], lists: 1 },
      ]);
      // Same markup as the build's list, links under the base path.
      const whatsappRow = await page.locator('[data-component="whatsapp"]').evaluate((e) => e.outerHTML);
      assert.equal(
        whatsappRow,
        smsRow.replaceAll('sms', 'whatsapp').replace('>SMS<', '>WhatsApp<').replaceAll('degraded_performance', 'partial_outage').replace('Degraded Performance', 'Partial Outage'),
      );
      assert.equal(await page.locator('[data-component="integrations"] a').getAttribute('href'), `${PREFIX}components/integrations/`);

      // 3. All clear: every list goes, as the build writes none.
      await page.clock.runFor(60_000);
      await announcer.filter({ hasText: 'Status updated: All Systems Operational' }).waitFor();
      assert.deepEqual(
        (await lines(page)).map((l) => [l.state, l.listed.length, l.lists]),
        Array(4).fill(['state state-operational: Operational', 0, 0]),
      );
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
