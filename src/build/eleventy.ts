// Eleventy glue: the model comes from the pipeline, the generator's templates print it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { modelFor, type Model } from './model.ts';
import { fingerprintAssets, OutputWriter } from './output.ts';
import { searchIndexFor } from './search-index.ts';
import type { SitePaths } from './paths.ts';
import { clientScripts } from '../client/index.ts';
import { pageRenderer, templateEnvironment } from '../render/index.ts';
import { formatProblem, StatusError } from '../shared/errors.ts';
import { absoluteUrl } from '../shared/ids.ts';

/** The parts of Eleventy's configuration API the glue uses (the package ships no types). */
export interface EleventyConfig {
  ignores: Set<string>;
  setUseGitIgnore(use: boolean): void;
  setTemplateFormats(formats: string[]): void;
  setLibrary(name: string, library: unknown): void;
  addGlobalData(name: string, data: () => unknown): void;
  addFilter(name: string, filter: (this: unknown, ...args: never[]) => unknown): void;
  getFilter(name: string): (this: unknown, ...args: unknown[]) => unknown;
  setWatchJavaScriptDependencies(watch: boolean): void;
  addWatchTarget(target: string): void;
  on(event: string, listener: (event: EleventyEvent) => unknown): void;
}
interface EleventyEvent {
  directories: { output: string };
  results: { outputPath: string; content: string }[];
}

/** What `buildSite` already made before Eleventy loaded; without it (serving) the glue makes its own. */
export interface PreparedBuild {
  model: Model;
  writer: OutputWriter;
  search: Promise<void> | undefined;
}

/** Files served from assets/: the stylesheet and images as written in layouts/assets/, the page scripts as bundled. */
const STATIC_ASSETS = ['style.css', 'icon.svg', 'social.png'];
const PAGE_SCRIPTS = ['enhance.js', 'search.js'] as const;

/** The static assets, `append` added to some (the site's brand CSS to style.css), and the bundled page scripts. */
function readAssets(dir: string, append: Record<string, string>) {
  const scripts = clientScripts();
  return fingerprintAssets([
    ...STATIC_ASSETS.map((name) => ({ name, bytes: Buffer.concat([readFileSync(path.join(dir, name)), Buffer.from(append[name] ?? '')]) })),
    ...PAGE_SCRIPTS.map((name) => ({ name, bytes: Buffer.from(scripts[name]) })),
  ]);
}

function report(error: unknown) {
  if (!(error instanceof StatusError)) throw error;
  console.error([...error.problems.map(formatProblem), `error: ${error.message}`].join('\n'));
}

/**
 * Sets Eleventy up for the site at `paths`, rendering the generator's templates (with the site's
 * overrides first). Given `build`, it uses that model, writer and search index; without it
 * (serving), the model is made here and again on every change.
 */
export function statusSite(eleventyConfig: EleventyConfig, paths: SitePaths, now: () => number, build?: PreparedBuild) {
  let model: Model;
  try {
    model = build?.model ?? modelFor(paths.content, now(), paths.probes);
  } catch (error) {
    report(error);
    process.exit(1);
  }
  // The site's brand CSS (src/outputs/brand.ts) goes at the end of the one stylesheet.
  const fingerprint = () => readAssets(paths.assets, { 'style.css': model.brand.css });
  let assets = fingerprint();
  const serving = build === undefined;

  // The templates live inside the installed package, which Eleventy would skip as node_modules,
  // and a site's .gitignore (node_modules, _site) must not hide them either.
  eleventyConfig.ignores.delete('**/node_modules/**');
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.setTemplateFormats(['njk']);
  eleventyConfig.setLibrary('njk', templateEnvironment(paths.overrides, { reload: serving }));
  eleventyConfig.addGlobalData('status', () => model.view);
  const assetPaths = () => Object.fromEntries(Object.entries(assets).map(([k, v]) => [k, `/${v.path}`]));
  eleventyConfig.addGlobalData('assets', assetPaths);
  // Absolute URL under the public site address, for canonical links and feeds.
  eleventyConfig.addFilter('absolute', (url: unknown) => absoluteUrl(model.content.site.url, String(url)));
  // Eleventy's url filter tries `new URL()` on every relative path and catches the throw; a build
  // asks for the same few thousand paths 100,000 times, so remember them (per build: see beforeWatch).
  const eleventyUrl = eleventyConfig.getFilter('url');
  let urls = new Map<unknown, unknown>();
  eleventyConfig.addFilter('url', function (this: unknown, url: unknown) {
    let resolved = urls.get(url);
    if (resolved === undefined) urls.set(url, (resolved = eleventyUrl.call(this, url)));
    return resolved;
  });
  // Eleventy's dependency scan cannot read TypeScript; watch the folders that matter instead.
  eleventyConfig.setWatchJavaScriptDependencies(false);
  for (const dir of [paths.content, paths.probes, paths.overrides, paths.assets]) eleventyConfig.addWatchTarget(dir);

  // While serving, re-read content on every change; bad content keeps the last good page up.
  eleventyConfig.on('eleventy.beforeWatch', () => {
    try {
      model = modelFor(paths.content, now(), paths.probes);
      assets = fingerprint();
      urls = new Map();
      build = undefined;
    } catch (error) {
      report(error);
    }
  });

  // Pagefind indexes the incidents in its own process until the build ends; buildSite has
  // usually started it already, before Eleventy loaded.
  let writer: OutputWriter;
  let search: Promise<void> | undefined;
  eleventyConfig.on('eleventy.before', ({ directories }) => {
    writer = build?.writer ?? new OutputWriter(directories.output);
    search = build?.search ?? searchIndexFor(model.view, directories.output, writer);
  });

  eleventyConfig.on('eleventy.after', async ({ directories, results }) => {
    for (const r of results) writer.record(path.relative(directories.output, r.outputPath), r.content);
    const renderer = pageRenderer({
      overridesDir: paths.overrides,
      globals: { status: model.view, assets: assetPaths() },
      filters: { url: eleventyConfig.getFilter('url'), absolute: eleventyConfig.getFilter('absolute') },
    });
    const assetFiles = Object.values(assets).map((a) => ({ path: a.path, content: a.bytes }));
    await writer.write([renderer.pages(), model.files, assetFiles]);
    await search;
  });

  return {
    dir: { input: paths.layouts, includes: '_includes' },
    htmlTemplateEngine: 'njk',
    pathPrefix: model.basePath,
  };
}
