// Screenshots of the home page (light, dark, 360 px phone) for the README, taken from a fresh
// build of the content in headless Chromium.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StatusError } from '../src/shared/errors.ts';
import { browserSkipReason, launchBrowser, serveStatic } from '../test/helpers/browser.ts';
import { flag, run } from './cli.ts';

const HELP = `Usage: npm run screenshots -- [--content <dir>] [--now <iso time>] [--out <dir>]

Builds the site and saves home-light.png, home-dark.png and home-360.png into docs/screenshots/
(or --out). Needs Chromium at /usr/bin/chromium. --now defaults to 2026-11-21T00:00:00Z, when the
sample site has an incident open.`;

const SHOTS = [
  { file: 'home-light.png', colorScheme: 'light', viewport: { width: 1280, height: 900 } },
  { file: 'home-dark.png', colorScheme: 'dark', viewport: { width: 1280, height: 900 } },
  { file: 'home-360.png', colorScheme: 'light', viewport: { width: 360, height: 780 } },
] as const;

await run(async () => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  if (browserSkipReason) throw new StatusError('USAGE', browserSkipReason);
  const out = path.resolve(flag(argv, 'out') ?? 'docs/screenshots');
  const now = flag(argv, 'now') ?? '2026-11-21T00:00:00Z';
  const content = flag(argv, 'content');

  const temp = mkdtempSync(path.join(tmpdir(), 'status-screenshots-'));
  const site = path.join(temp, 'site');
  try {
    const args = ['scripts/markdown-status.js', 'build', '--out', site, '--now', now, ...(content ? ['--content', content] : [])];
    const built = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (built.status !== 0) throw new StatusError('CONTENT', `the build failed:\n${built.stderr.trim()}`);

    mkdirSync(out, { recursive: true });
    const server = await serveStatic(site);
    const browser = await launchBrowser();
    try {
      for (const shot of SHOTS) {
        // The sample's zone is UTC; show the page as a reader there sees it.
        const context = await browser.newContext({ colorScheme: shot.colorScheme, viewport: shot.viewport, timezoneId: 'UTC', deviceScaleFactor: 1 });
        const page = await context.newPage();
        await page.goto(server.url, { waitUntil: 'load' });
        await page.screenshot({ path: path.join(out, shot.file) });
        await context.close();
        console.log(`wrote ${path.relative(process.cwd(), path.join(out, shot.file))}`);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
});
