import { entry } from './entry.ts';

/**
 * The site file's `brand:` (src/content/brand.ts): colours readable where they are shown, and
 * each file it names present, of its type, small, inside the content folder, loading nothing.
 * `key` is the key as written, like `brand.logo`; `file` the name it gives.
 */

export const BRAND = {
  lowContrast: entry('brand-contrast', (key: string, colour: string, background: string, ratio: string, direction: 'darker' | 'lighter', suggestion: string) => ({
    message: `${key}: ${colour} on ${background} has contrast ${ratio}; WCAG AA needs 4.5:1`,
    hint: `use a ${direction} colour such as ${suggestion}`,
  })),
  headerTextAlone: entry('header-text-alone', () => ({
    message: 'brand.colors.header_text is set, but there is no header bar (brand.colors.header)',
    hint: 'add  header: "#…"  for the bar\'s background, or remove header_text',
  })),
  brandFileMissing: entry('brand-file-missing', (key: string, file: string) => ({
    message: `${key} names ${file}, which does not exist`,
    hint: 'add the file or remove the key',
  })),
  brandFileNotAFile: entry('brand-file-folder', (key: string, file: string) => ({
    message: `${key} names ${file}, which is a folder`,
    hint: 'name the file inside it, like brand/logo.svg',
  })),
  brandFileOutside: entry('brand-file-outside', (key: string, file: string) => ({
    message: `${key} names ${file}, which is outside the content folder`,
    hint: 'put the file in the content folder and name it from there, like brand/logo.svg',
  })),
  brandFileType: entry('brand-file-type', (key: string, file: string, extensions: readonly string[]) => ({
    message: `${key} names ${file}: the file must be ${extensions.length > 1 ? `${extensions.slice(0, -1).join(', ')} or ${extensions.at(-1)}` : extensions[0]}`,
    hint: extensions.length > 1 ? 'save it in one of those formats, and name it so' : `name a ${extensions[0]} file`,
  })),
  brandFileContent: entry('brand-file-content', (key: string, file: string, type: string) => ({
    message: `${key} names ${file}, which does not hold ${type} image`,
    hint: `save it as ${type}, or name it with the extension of its format`,
  })),
  brandFileTooLarge: entry('brand-file-too-large', (key: string, file: string, kb: number, limitKb: number) => ({
    message: `${key} names ${file}, which is ${kb} KB; the limit is ${limitKb} KB`,
    hint: 'make it smaller: every page loads it, on slow phones too',
  })),
  svgScript: entry('svg-script', (key: string, file: string) => ({
    message: `${key} names ${file}, which holds a script (a <script> element, an on… attribute or a javascript: link)`,
    hint: 'remove it: an image needs no script, and the page\'s security policy blocks it',
  })),
  cssLoadsOther: entry('css-loads-other', (what: string) => ({
    message: `this line loads ${what}`,
    hint: 'pages load nothing from other addresses: paste the rules here, use a data: URL, or brand.logo for the logo',
  })),
} as const;
