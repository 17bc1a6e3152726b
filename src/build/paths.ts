import path from 'node:path';
import { probesFolder } from '../content/index.ts';
import { ASSETS_DIR, LAYOUTS_DIR } from '../render/index.ts';

/** Where a site's own files are (under its root) and where the generator's are (in the package). */
export interface SitePaths {
  /** The site's folder: the working directory, or --root. */
  root: string;
  /** Site file, incidents and maintenance. */
  content: string;
  /** Probe series, one file per component: `<content>/probes` unless given. */
  probes: string;
  /** The built site. */
  out: string;
  /** The build cache, when one is kept. */
  cache?: string;
  /** Templates the site puts before the generator's (header.njk, footer.njk, …). */
  overrides: string;
  /** The generator's templates and assets. */
  layouts: string;
  assets: string;
}

/** What a caller may say about where things are; relative paths are taken from `root`. */
export interface PathOptions {
  root?: string;
  content?: string;
  /** The probes folder (`--probes`, STATUS_PROBES). */
  probes?: string;
  out?: string;
  cache?: string;
}

export function sitePaths({ root = process.cwd(), content = 'content', probes, out = '_site', cache }: PathOptions = {}): SitePaths {
  const at = (p: string) => path.resolve(root, p);
  return {
    root: path.resolve(root),
    content: at(content),
    probes: probes === undefined ? probesFolder(at(content)) : at(probes),
    out: at(out),
    cache: cache === undefined ? undefined : at(cache),
    overrides: at('overrides'),
    layouts: LAYOUTS_DIR,
    assets: ASSETS_DIR,
  };
}
