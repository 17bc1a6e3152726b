// A whole build: content checked first, the site written into a temporary folder and swapped in only
// when everything succeeded (or, with a build cache whose output is intact, updated in place).
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { codeFingerprint, openCache } from './cache.ts';
import { statusSite, type EleventyConfig } from './eleventy.ts';
import { buildModel } from './model.ts';
import { OutputWriter, outputMatches } from './output.ts';
import { sitePaths, type PathOptions } from './paths.ts';
import { searchIndexFor } from './search-index.ts';
import { loadContent } from '../content/index.ts';
import type { Problem } from '../shared/errors.ts';
import { NEXT_CHANGE_FILE, nextChange } from '../state/index.ts';

export interface BuildOptions extends PathOptions {
  /** The instant the site is built as of (see resolveNow). */
  now: number;
}

export interface BuildReport {
  /** The output folder, absolute. */
  out: string;
  incidents: number;
  /** Problems that did not stop the build (already checked content, such as a long-open incident). */
  warnings: Problem[];
  ms: number;
  /** Files written (with a build cache; otherwise every file). */
  written: number;
  /** Whether the last build's output was updated in place. */
  inPlace: boolean;
  cached: boolean;
  /** When the page next changes by itself, and why; also written to NEXT_CHANGE_FILE. */
  next: { at: number; reason: string; file: string };
}

/**
 * Builds the site at `options.root` (content, output and cache paths are relative to it). A content
 * error throws before anything is written; any later failure leaves the previous output as it was.
 */
export async function buildSite(options: BuildOptions): Promise<BuildReport> {
  const paths = sitePaths(options);
  const { out } = paths;
  const { now } = options;
  const started = performance.now();
  const cache = paths.cache ? openCache(paths.cache, codeFingerprint(paths.overrides)) : undefined;

  const content = loadContent(paths.content, { cache: cache?.incidents, probes: paths.probes });
  // The editor's config names the content folder relative to the repository (src/outputs/cms.ts).
  process.env.STATUS_CONTENT = path.relative(paths.root, paths.content) || '.';
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
    const { default: Eleventy } = await import('@11ty/eleventy');
    const build = { model, writer, search };
    const eleventy = new Eleventy(paths.layouts, staging, {
      configPath: false,
      quietMode: true,
      pathPrefix: model.basePath,
      config: (eleventyConfig: unknown) => void statusSite(eleventyConfig as EleventyConfig, paths, () => now, build),
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
  const next = nextChange(content, now);
  return {
    out,
    incidents: content.incidents.length,
    warnings: content.warnings,
    ms: Math.round(performance.now() - started),
    written: writer.written,
    inPlace,
    cached: cache !== undefined,
    next: { ...next, file: NEXT_CHANGE_FILE },
  };
}

/**
 * The new site is already in place; deleting the old one (20,000 files on a large site) can
 * finish after this process has exited.
 */
function removeInBackground(dir: string) {
  if (!existsSync(dir)) return;
  if (process.platform === 'win32') return rmSync(dir, { recursive: true, force: true });
  spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' }).unref();
}

/** Serves the site with live reload: content and overrides are read again on every change. */
export async function serveSite(options: PathOptions & { now: () => number; port?: number }): Promise<void> {
  const paths = sitePaths(options);
  // Bad content stops here, before the server starts; once serving, it only keeps the last good page.
  const { site } = loadContent(paths.content, { probes: paths.probes });
  const { default: Eleventy } = await import('@11ty/eleventy');
  const eleventy = new Eleventy(paths.layouts, paths.out, {
    configPath: false,
    runMode: 'serve',
    pathPrefix: new URL(site.url).pathname,
    config: (eleventyConfig: unknown) => void statusSite(eleventyConfig as EleventyConfig, paths, options.now),
  });
  await eleventy.init();
  await eleventy.watch();
  eleventy.serve(options.port ?? 8080);
}
