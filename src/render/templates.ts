import { existsSync } from 'node:fs';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { PACKAGE_ROOT } from '../shared/package.ts';

/** The generator's templates; the pages Eleventy renders are the top-level ones. */
export const LAYOUTS_DIR = path.join(PACKAGE_ROOT, 'layouts');
/** Stylesheet, scripts and images every page links to. */
export const ASSETS_DIR = path.join(LAYOUTS_DIR, 'assets');

/**
 * Where an included template is looked up, the first match winning: the site's `overrides/`
 * folder (a team's own header.njk, footer.njk, …), then the generator's includes and layouts.
 */
export function templateSearchPath(overridesDir?: string): string[] {
  const own = overridesDir && existsSync(overridesDir) ? [path.resolve(overridesDir)] : [];
  return [...own, path.join(LAYOUTS_DIR, '_includes'), LAYOUTS_DIR];
}

/**
 * A Nunjucks environment over that search path, autoescaping as Eleventy's does. `reload` reads
 * templates again on each use, for a server whose overrides may change under it.
 */
export function templateEnvironment(overridesDir?: string, { reload = false } = {}): nunjucks.Environment {
  return new nunjucks.Environment(new nunjucks.FileSystemLoader(templateSearchPath(overridesDir), { noCache: reload }), { autoescape: true });
}
