import { readFileSync } from 'node:fs';
import { brandFilePath, headerTextColour, type Site } from '../content/index.ts';
import { StatusError } from '../shared/errors.ts';
import type { BrandLinks } from '../view/index.ts';
import { assetPath, type OutputFile } from './files.ts';
import { headersFor } from './headers.ts';

/**
 * The site's `brand:` as output: its logo and favicon as fingerprinted assets, and the CSS that
 * gives the page its colours. That CSS is appended to the one stylesheet (style.css) rather than
 * put inline, which the site's Content-Security-Policy forbids, or in a second file, which would
 * cost every page another request. The content stage checked colours and files already.
 */

/** Everything the build does with the site's brand. */
export interface BrandAssets {
  /** The logo and favicon, under assets/. */
  files: OutputFile[];
  /** Where those are, for the view (`status.meta.logo`, `status.meta.favicon`). */
  links: BrandLinks;
  /** Appended to style.css before it is fingerprinted; "" without a brand, so the stylesheet is unchanged. */
  css: string;
}

/** One of the site's own images, as the build writes it. */
export interface BrandFile extends OutputFile {
  key: 'logo' | 'favicon';
  /** Its Content-Type, for the favicon's `<link type>`. */
  type: string;
}

/**
 * The CSS for the site's brand colours (overriding style.css's `:root` variables) and logo,
 * followed by the site's own stylesheet text, if any. Colour rules are for screens only, so
 * printed pages keep style.css's black-on-white print rules.
 */
export function brandCss(site: Pick<Site, 'brand'>, extraCss = ''): string {
  const { brand } = site;
  if (!brand) return '';
  const { accent, accent_dark: accentDark, header } = brand.colors ?? {};
  const rules: string[] = [];
  // The light rule must not reach the dark theme, where the built-in dark link colour stays unless accent_dark is set.
  if (accent) rules.push(`@media screen and (prefers-color-scheme: light) { :root { --link: ${accent}; } }`);
  if (accentDark) rules.push(`@media screen and (prefers-color-scheme: dark) { :root { --link: ${accentDark}; } }`);
  if (accent || accentDark) rules.push('@media screen { .brand { color: var(--link); } }');
  if (header) {
    const text = headerTextColour(brand.colors ?? {});
    rules.push(`@media screen { header.site { background: ${header}; border-bottom-color: ${header}; } header.site a, header.site .brand span { color: ${text}; } }`);
  }
  if (brand.logo) rules.push('.brand img { height: 2rem; width: auto; vertical-align: middle; margin-inline-end: .5rem; }');
  const ours = rules.length ? `\n/* The site's brand (site file, brand:). */\n${rules.join('\n')}\n` : '';
  const theirs = extraCss.trim() ? `\n/* The site's own stylesheet (brand.css). */\n${extraCss.replace(/\s*$/, '\n')}` : '';
  return ours + theirs;
}

/** The logo and favicon, each named by a hash of its bytes: `assets/logo.<hash>.svg`. */
export function brandFiles(site: Pick<Site, 'brand'>, siteDir: string | undefined): BrandFile[] {
  const files: BrandFile[] = [];
  for (const key of ['logo', 'favicon'] as const) {
    const name = site.brand?.[key];
    if (name === undefined) continue;
    const content = readFileSync(brandFilePath(folderOf(siteDir), name));
    const path = assetPath(`${key}${extensionOf(name)}`, content);
    files.push({ key, path, content, type: headersFor(path).contentType });
  }
  return files;
}

/** The site's brand for the build: files to write, links for the view, CSS for style.css. */
export function brandAssets(site: Pick<Site, 'brand'>, siteDir: string | undefined): BrandAssets {
  const files = brandFiles(site, siteDir);
  const logo = files.find((f) => f.key === 'logo');
  const favicon = files.find((f) => f.key === 'favicon');
  const css = site.brand?.css;
  const extra = css === undefined ? '' : readFileSync(brandFilePath(folderOf(siteDir), css), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return {
    files: files.map(({ path, content }) => ({ path, content })),
    links: { logo: logo && `/${logo.path}`, favicon: favicon && { href: `/${favicon.path}`, type: favicon.type } },
    css: brandCss(site, extra),
  };
}

const extensionOf = (name: string) => /\.[^./\\]+$/.exec(name)?.[0].toLowerCase() ?? '';

function folderOf(siteDir: string | undefined): string {
  if (siteDir === undefined) throw new StatusError('IO', 'the site names brand files, but its content was not loaded from a folder to find them in');
  return siteDir;
}
