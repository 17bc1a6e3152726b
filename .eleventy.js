// Eleventy glue only: the model comes from src/, templates in layouts/ print it.
import { resolveNow } from './src/shared/clock.ts';
import { formatProblem, StatusError } from './src/shared/errors.ts';
import { absoluteUrl } from './src/shared/ids.ts';
import { modelFor } from './src/pipeline.ts';
import { pageRenderer } from './src/render/index.ts';
import path from 'node:path';
import { fingerprintAssets, OutputWriter } from './scripts/output.ts';
import { searchIndexFor } from './scripts/search-index.ts';

const contentDir = process.env.STATUS_CONTENT || 'content';
const ASSETS = ['style.css', 'enhance.js', 'search.js', 'icon.svg', 'social.png'];
// The site's brand CSS (src/outputs/brand.ts) goes at the end of the one stylesheet.
const fingerprint = (model) => fingerprintAssets('layouts/assets', ASSETS, { 'style.css': model.brand.css });

function report(error) {
  if (!(error instanceof StatusError)) throw error;
  console.error([...error.problems.map(formatProblem), `error: ${error.message}`].join('\n'));
}

/**
 * Sets Eleventy up for the site. `build` is what `npm run build` already made before Eleventy
 * loaded: the model of content it validated, its output writer (with the last build's manifest)
 * and the search index it started. Without it (`npm start`), the model is made here and again on
 * every change while serving.
 */
export function statusSite(eleventyConfig, build) {
  let model = build?.model;
  if (!model) {
    try {
      model = modelFor(contentDir, resolveNow());
    } catch (error) {
      report(error);
      process.exit(1);
    }
  }
  let assets = fingerprint(model);

  eleventyConfig.setTemplateFormats(['njk']);
  eleventyConfig.addGlobalData('status', () => model.view);
  const assetPaths = () => Object.fromEntries(Object.entries(assets).map(([k, v]) => [k, `/${v.path}`]));
  eleventyConfig.addGlobalData('assets', assetPaths);
  // Absolute URL under the public site address, for canonical links and feeds.
  eleventyConfig.addFilter('absolute', (url) => absoluteUrl(model.content.site.url, String(url)));
  // Eleventy's url filter tries `new URL()` on every relative path and catches the throw; a build
  // asks for the same few thousand paths 100,000 times, so remember them (per build: see beforeWatch).
  const eleventyUrl = eleventyConfig.getFilter('url');
  let urls = new Map();
  eleventyConfig.addFilter('url', function (url) {
    let resolved = urls.get(url);
    if (resolved === undefined) urls.set(url, (resolved = eleventyUrl.call(this, url)));
    return resolved;
  });
  // Eleventy's dependency scan cannot read TypeScript; watch the folders that matter instead.
  eleventyConfig.setWatchJavaScriptDependencies(false);
  eleventyConfig.addWatchTarget(`./${contentDir}/`);
  eleventyConfig.addWatchTarget('./layouts/assets/');

  // While serving, re-read content on every change; bad content keeps the last good page up.
  eleventyConfig.on('eleventy.beforeWatch', () => {
    try {
      model = modelFor(contentDir, resolveNow());
      assets = fingerprint(model);
      urls = new Map();
      build = undefined;
    } catch (error) {
      report(error);
    }
  });

  // Pagefind indexes the incidents in its own process until the build ends; the build script has
  // usually started it already, before Eleventy loaded.
  let writer;
  let search;
  eleventyConfig.on('eleventy.before', ({ directories }) => {
    writer = build?.writer ?? new OutputWriter(directories.output);
    search = build?.search ?? searchIndexFor(model.view, directories.output, writer);
  });

  eleventyConfig.on('eleventy.after', async ({ directories, results }) => {
    for (const r of results) writer.record(path.relative(directories.output, r.outputPath), r.content);
    const renderer = pageRenderer({
      layoutsDir: 'layouts',
      globals: { status: model.view, assets: assetPaths() },
      filters: { url: eleventyConfig.getFilter('url'), absolute: eleventyConfig.getFilter('absolute') },
    });
    const assetFiles = Object.values(assets).map((a) => ({ path: a.path, content: a.bytes }));
    await writer.write([renderer.pages(), model.files, assetFiles]);
    await search;
  });

  return {
    dir: { input: 'layouts', includes: '_includes' },
    htmlTemplateEngine: 'njk',
    pathPrefix: model.basePath,
  };
}

export default (eleventyConfig) => statusSite(eleventyConfig);
