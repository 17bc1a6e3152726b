// Eleventy glue only, for running Eleventy itself under tsx (`npx tsx node_modules/@11ty/eleventy/cmd.cjs`):
// `markdown-status build` and `serve` call the same function from src/build/.
import { sitePaths, statusSite } from './src/build/index.ts';
import { resolveNow } from './src/shared/clock.ts';

export default (eleventyConfig) => statusSite(eleventyConfig, sitePaths({ content: process.env.STATUS_CONTENT }), () => resolveNow([]));
