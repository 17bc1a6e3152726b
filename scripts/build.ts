// Builds the site into a temporary folder and swaps it in only when the whole build succeeded.
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { resolveNow } from '../src/clock.ts';
import { formatProblem } from '../src/errors.ts';
import { loadContent } from '../src/load.ts';
import { provideContent } from '../src/model.ts';
import { NEXT_CHANGE_FILE, nextChange } from '../src/next-change.ts';
import { flag, run } from './cli.ts';

const HELP = `Usage: npm run build -- [--now <iso time>] [--content <dir>] [--out <dir>]

Validates content/ and writes the site to _site/ (or --out). The previous output is
left untouched when anything fails. --now (or STATUS_NOW) builds the site as of that instant.`;

/**
 * The new site is already in place; deleting the old one (20,000 files on a large site) can
 * finish after this process has exited.
 */
function removeInBackground(dir: string) {
  if (!existsSync(dir)) return;
  if (process.platform === 'win32') return rmSync(dir, { recursive: true, force: true });
  spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' }).unref();
}

await run(async () => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  const contentDir = flag(argv, 'content') ?? process.env.STATUS_CONTENT ?? 'content';
  const out = path.resolve(flag(argv, 'out') ?? '_site');
  const now = resolveNow(argv);
  const started = performance.now();

  const content = loadContent(contentDir);
  for (const warning of content.warnings) console.warn(formatProblem(warning));
  process.env.STATUS_CONTENT = contentDir;
  provideContent(contentDir, content, now);

  const staging = `${out}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    // Loaded only once the content is known to be good: a content error then fails fast.
    const { default: Eleventy } = await import('@11ty/eleventy');
    const eleventy = new Eleventy('layouts', staging, { configPath: '.eleventy.js', quietMode: true });
    eleventy.setIsVerbose?.(false);
    await eleventy.write();
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const old = `${out}.old-${process.pid}`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(staging, out);
  removeInBackground(old);
  const ms = Math.round(performance.now() - started);
  console.log(`Built ${content.incidents.length} incidents into ${path.relative(process.cwd(), out) || out} in ${ms} ms`);
  const next = nextChange(content, now);
  console.log(`Next change by itself: ${new Date(next.at).toISOString()} (${next.reason}); also in ${NEXT_CHANGE_FILE}`);
});
