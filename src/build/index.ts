/** The build: the pipeline's model written out as a whole site, and the site served while editing. */
export { buildModel, modelFor, type Model, type ModelMemos } from './model.ts';
export { buildSite, serveSite, type BuildOptions, type BuildReport } from './site.ts';
export { sitePaths, type PathOptions, type SitePaths } from './paths.ts';
export { statusSite, type EleventyConfig } from './eleventy.ts';
export { fingerprintAssets, OutputWriter, type OutputManifest } from './output.ts';
