// Builds the site into a temporary folder and swaps it in only when the whole build succeeded.
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { resolveNow } from '../src/shared/clock.ts';
import { formatProblem } from '../src/shared/errors.ts';
import { loadContent } from '../src/content/load.ts';
import { buildModel } from '../src/pipeline.ts';
import { NEXT_CHANGE_FILE, nextChange } from '../src/state/next-change.ts';
import { openCache } from './build-cache.ts';
import { flag, run } from './cli.ts';
import { OutputWriter, outputMatches } from './output.ts';
import { searchIndexFor } from './search-index.ts';

const HELP = `Usage: npm run build -- [--now <iso time>] [--content <dir>] [--out <dir>] [--cache <dir>]

Validates content/ and writes the site to _site/ (or --out). The previous output is
left untouched when the content has a problem. --now (or STATUS_NOW) builds the site as of
that instant. --cache (or STATUS_CACHE) keeps what was parsed, rendered and written in that
folder, so the next build redoes only what changed and rewrites only changed files.`;

/**
 * The new site is already in place; deleting the old one (20,000 files on a large site) can
 * finish after this process has exited.
 */
function removeInBackground(dir: string) {
  if (!existsSync(dir)) return;
  if (process.platform === 'win32') return rmSync(dir, { recursive: true, force: true });
  spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' }).unref();
}

// V8 lets the heap grow to about four times what is live before it collects, which took a
// large site's build to 800 MB for 250 MB of live data. Growing by a quarter keeps it near 500 MB
// for a few more collections (NODE_OPTIONS does not accept this flag, so it is set here).
v8.setFlagsFromString('--heap-growing-percent=25');

await run(async () => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  const contentDir = flag(argv, 'content') ?? process.env.STATUS_CONTENT ?? 'content';
  const out = path.resolve(flag(argv, 'out') ?? '_site');
  const now = resolveNow(argv);
  const started = performance.now();

  const cacheDir = flag(argv, 'cache') ?? process.env.STATUS_CACHE;
  const cache = cacheDir ? openCache(cacheDir) : undefined;

  const content = loadContent(contentDir, { cache: cache?.incidents });
  for (const warning of content.warnings) console.warn(formatProblem(warning));
  process.env.STATUS_CONTENT = contentDir;
  const model = buildModel(content, now, cache);

  // With the last build's manifest and its output as it left it, update that output in place
  // (the content is valid by now); otherwise build in a new folder and swap it in at the end.
  const inPlace = cache?.output !== undefined && outputMatches(cache.output, out);
  const staging = inPlace ? out : `${out}.tmp-${process.pid}`;
  if (!inPlace) rmSync(staging, { recursive: true, force: true });
  const writer = new OutputWriter(staging, inPlace ? cache.output : undefined, cache !== undefined);
  let search: Promise<void> | undefined;
  try {
    // Pagefind starts on the other core now; Eleventy waits for it at the end.
    search = searchIndexFor(model.view, staging, writer);
    // Loaded only once the content is known to be good: a content error then fails fast.
    const [{ default: Eleventy }, { statusSite }] = await Promise.all([import('@11ty/eleventy'), import('../.eleventy.js')]);
    // The glue gets this build's model, writer and search index instead of making its own.
    const build = { model, writer, search };
    const eleventy = new Eleventy('layouts', staging, {
      configPath: false,
      quietMode: true,
      pathPrefix: model.basePath,
      config: (eleventyConfig: unknown) => void statusSite(eleventyConfig, build),
    });
    eleventy.setIsVerbose?.(false);
    await eleventy.write();
    await search;
  } catch (error) {
    await search?.catch(() => {}); // Pagefind may still be writing into the folder
    if (inPlace) cache.forgetOutput();
    else rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (inPlace) {
    writer.removeStale();
  } else {
    const old = `${out}.old-${process.pid}`;
    if (existsSync(out)) renameSync(out, old);
    renameSync(staging, out);
    removeInBackground(old);
  }
  cache?.save(writer.manifest(out));
  const ms = Math.round(performance.now() - started);
  const how = cache ? ` (${writer.written} files written${inPlace ? ' in place' : ''})` : '';
  console.log(`Built ${content.incidents.length} incidents into ${path.relative(process.cwd(), out) || out} in ${ms} ms${how}`);
  const next = nextChange(content, now);
  console.log(`Next change by itself: ${new Date(next.at).toISOString()} (${next.reason}); also in ${NEXT_CHANGE_FILE}`);
});
