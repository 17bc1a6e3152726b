import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { browserSkipReason, CHROMIUM, serveStatic, type StaticServer } from './helpers/browser.ts';
import { sampleSite } from './helpers/build.ts';

/**
 * Lighthouse (mobile, simulated slow 4G and CPU) on the built sample site: at least 95 in
 * accessibility, best practices and SEO. Of performance, only what does not depend on how busy the
 * machine is: layout shift and page weight. Its timing metrics (blocking time, speed index, paint)
 * move with the load on the machine, so they are printed, never asserted: speed is measured in
 * `npm run bench`. One run per page: each takes ~15 s here.
 */

const CATEGORIES = ['accessibility', 'best-practices', 'seo'];
/** Performance audits measured in bytes and layout, the same on a busy machine as on a quiet one. */
const STABLE_AUDITS = ['cumulative-layout-shift', 'total-byte-weight'];
const TIMINGS = ['first-contentful-paint', 'largest-contentful-paint', 'speed-index', 'total-blocking-time'];
const MIN_SCORE = 0.95;
const PAGES = ['/', '/incidents/2021-02-18-web-apps-intermittent-errors/', '/components/web-apps/'];

describe('Lighthouse on the sample site', { skip: browserSkipReason }, () => {
  let server: StaticServer;
  let chrome: chromeLauncher.LaunchedChrome;

  before(async () => {
    server = await serveStatic(sampleSite());
    chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  });

  after(async () => {
    chrome?.kill();
    await server?.close();
  });

  for (const pagePath of PAGES) {
    it(`${pagePath} scores at least ${MIN_SCORE * 100} in every category`, async (t) => {
      const result = await lighthouse(new URL(pagePath.slice(1), server.url).href, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES, 'performance'],
        // Pictures of the page and the back/forward-cache visit feed no score asserted here, and
        // take seconds of every run.
        disableFullPageScreenshot: true,
        skipAudits: ['bf-cache', 'screenshot-thumbnails', 'final-screenshot'],
      });
      assert.ok(result, 'Lighthouse returned no result');
      const { lhr } = result;
      assert.equal(lhr.runtimeError, undefined, lhr.runtimeError?.message);
      const low: string[] = [];
      for (const id of CATEGORIES) {
        const category = lhr.categories[id]!;
        if ((category.score ?? 0) >= MIN_SCORE) continue;
        // Name what cost the points, so a failure says what to fix.
        const lost = category.auditRefs
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]!.score ?? 1) < 1)
          .map((ref) => `${ref.id} ${lhr.audits[ref.id]!.score} ${lhr.audits[ref.id]!.displayValue ?? ''}`.trim());
        low.push(`${id}: ${category.score} (${lost.join('; ')})`);
      }
      for (const id of STABLE_AUDITS) {
        const audit = lhr.audits[id]!;
        if ((audit.score ?? 0) < MIN_SCORE) low.push(`${id}: ${audit.score} ${audit.displayValue ?? ''}`.trim());
      }
      t.diagnostic(`performance ${lhr.categories.performance?.score} (${TIMINGS.map((id) => `${id} ${lhr.audits[id]?.displayValue}`).join(', ')})`);
      assert.deepEqual(low, [], `scores below ${MIN_SCORE} on ${pagePath}`);
    });
  }
});
