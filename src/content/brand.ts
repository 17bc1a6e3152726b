import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AA_TEXT, blackOrWhite, contrast, ratioText, shiftUntil } from '../shared/colour.ts';
import type { Problem } from '../shared/errors.ts';
import { display, readText } from './files.ts';
import { PROBLEMS, problemAt, type Said } from './problems/index.ts';
import type { Brand, BrandColors, Site } from './schema.ts';
import { lineAt, type YamlSource } from './yaml-source.ts';

/**
 * The site file's `brand:` checked: every colour readable on what it is shown on (WCAG AA, 4.5:1
 * for text), with a colour to use instead when it is not, and every file it names present, of its
 * type, small, inside the content folder and loading nothing from elsewhere.
 */

/**
 * The built-in colours a brand colour replaces or is read against: `:root` variables of
 * layouts/assets/style.css (test/content/brand.test.ts fails when the two differ).
 */
export const THEME = {
  light: { bg: '#ffffff', card: '#f6f8fa', link: '#0b5cad' },
  dark: { bg: '#0f1216', card: '#161b22', link: '#6cb6ff' },
} as const;

interface Background {
  colour: string;
  /** As a message names it. */
  name: string;
}

/** Links show on the page and inside the incident and maintenance boxes (`--card`). */
const LIGHT: readonly Background[] = [
  { colour: THEME.light.bg, name: 'the white page background' },
  { colour: THEME.light.card, name: `the light grey background (${THEME.light.card}) of incident and maintenance boxes` },
];
const DARK: readonly Background[] = [
  { colour: THEME.dark.bg, name: `the dark theme's page background (${THEME.dark.bg})` },
  { colour: THEME.dark.card, name: `the dark theme's background (${THEME.dark.card}) of incident and maintenance boxes` },
];

/** The header bar's text colour: the one written, else white or black, whichever contrasts more with the bar. */
export const headerTextColour = (colors: BrandColors): string | undefined =>
  colors.header === undefined ? undefined : (colors.header_text ?? blackOrWhite(colors.header));

/** The files `brand:` may name, and the extensions each may have. */
export const BRAND_FILES = {
  logo: ['.svg', '.png', '.webp'],
  favicon: ['.svg', '.png', '.ico'],
  css: ['.css'],
} as const satisfies Record<Exclude<keyof Brand, 'colors'>, readonly string[]>;

/** Every page loads the logo and the favicon, on a phone during an outage too. */
const IMAGE_LIMIT_KB = 256;

/** What an image file of each extension starts with (or, for SVG, holds). */
const SIGNATURES: Record<string, { type: string; holds: (bytes: Buffer) => boolean }> = {
  '.png': { type: 'a PNG', holds: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  '.webp': { type: 'a WebP', holds: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
  '.ico': { type: 'an ICO', holds: (b) => b.subarray(0, 4).equals(Buffer.from([0, 0, 1, 0])) },
  '.svg': { type: 'an SVG', holds: (b) => /<svg[\s>]/i.test(b.toString('utf8')) },
};

/** Opened directly, an SVG on the site's own address could run a script; an image needs none. */
const SVG_SCRIPT = /<script[\s>]|\son[a-z]+\s*=|javascript:/i;

/** A file `brand:` names, as an absolute path: names are relative to the site file's folder. */
export const brandFilePath = (siteDir: string, name: string) => path.resolve(siteDir, name);

/** Checks the site's `brand:`; pushes each problem at the line of its key (or of the stylesheet). */
export function checkBrand(site: Site, source: YamlSource, siteDir: string, problems: Problem[]): void {
  const { brand } = site;
  if (!brand) return;
  const at = problemAt(source.file);
  if (brand.colors) checkColours(brand.colors, (key, problem) => problems.push(at(lineAt(source, ['brand', 'colors', key]), problem)));
  for (const key of Object.keys(BRAND_FILES) as (keyof typeof BRAND_FILES)[]) {
    const name = brand[key];
    if (name !== undefined) checkFile(key, name, siteDir, (problem) => problems.push(at(lineAt(source, ['brand', key]), problem)), problems);
  }
}

type Report = (problem: Said) => void;

function checkColours(colors: BrandColors, report: (key: keyof BrandColors, problem: Said) => void) {
  const readable = (key: keyof BrandColors, colour: string, backgrounds: readonly Background[], direction: 'darker' | 'lighter') => {
    const failing = backgrounds.find((b) => contrast(colour, b.colour) < AA_TEXT);
    if (!failing) return;
    const suggestion = shiftUntil(colour, direction, (c) => backgrounds.every((b) => contrast(c, b.colour) >= AA_TEXT));
    report(key, PROBLEMS.lowContrast(`brand.colors.${key}`, colour, failing.name, ratioText(contrast(colour, failing.colour)), direction, suggestion));
  };
  if (colors.accent !== undefined) readable('accent', colors.accent, LIGHT, 'darker');
  if (colors.accent_dark !== undefined) readable('accent_dark', colors.accent_dark, DARK, 'lighter');
  if (colors.header === undefined) {
    if (colors.header_text !== undefined) report('header_text', PROBLEMS.headerTextAlone());
  } else if (colors.header_text !== undefined) {
    // Towards white on a dark bar, towards black on a light one: one of the two always reaches 4.5:1.
    const direction = blackOrWhite(colors.header) === '#ffffff' ? 'lighter' : 'darker';
    readable('header_text', colors.header_text, [{ colour: colors.header, name: `the header bar (${colors.header})` }], direction);
  }
}

function checkFile(key: keyof typeof BRAND_FILES, name: string, siteDir: string, report: Report, problems: Problem[]) {
  const what = `brand.${key}`;
  const file = brandFilePath(siteDir, name);
  const relative = path.relative(path.resolve(siteDir), file);
  if (path.isAbsolute(name) || relative.startsWith('..') || path.isAbsolute(relative)) return report(PROBLEMS.brandFileOutside(what, name));
  const extensions = BRAND_FILES[key];
  const ext = path.extname(name).toLowerCase();
  if (!(extensions as readonly string[]).includes(ext)) return report(PROBLEMS.brandFileType(what, name, extensions));
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return report(PROBLEMS.brandFileNotAFile(what, name));
    size = stat.size;
  } catch {
    return report(PROBLEMS.brandFileMissing(what, name));
  }
  if (key === 'css') return checkStylesheet(file, problems);
  if (size > IMAGE_LIMIT_KB * 1024) return report(PROBLEMS.brandFileTooLarge(what, name, Math.round(size / 1024), IMAGE_LIMIT_KB));
  const bytes = readFileSync(file);
  const signature = SIGNATURES[ext]!;
  if (!signature.holds(bytes)) return report(PROBLEMS.brandFileContent(what, name, signature.type));
  if (ext === '.svg' && SVG_SCRIPT.test(bytes.toString('utf8'))) report(PROBLEMS.svgScript(what, name));
}

/**
 * The extra stylesheet is text like any content file (size, encoding), and must load nothing: the
 * site's policy would block other addresses, and it is served from assets/, where a relative
 * address finds no file. Problems name the stylesheet's own lines.
 */
function checkStylesheet(file: string, problems: Problem[]) {
  const text = readText(file, problems);
  if (text === undefined) return;
  const at = problemAt(display(file));
  // Comments may mention anything; blank them out, keeping the line breaks.
  const rules = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  rules.split('\n').forEach((line, i) => {
    if (/@import\b/i.test(line)) problems.push(at(i + 1, PROBLEMS.cssLoadsOther('another stylesheet (@import)')));
    for (const [, address = ''] of line.matchAll(/url\(\s*["']?([^"')\s]*)/gi)) {
      if (!/^(data:|#)/i.test(address)) problems.push(at(i + 1, PROBLEMS.cssLoadsOther(address ? `"${address}"` : 'a file (url)')));
    }
  });
}
