/**
 * What the shared content checks say: each problem's message and hint together, so incident and
 * maintenance files get the same words for the same mistake, and a wording changes in one place.
 * The site file's `brand:` and `strings:` checks (brand.ts, strings.ts) say theirs here too.
 */

/** The kind of file a check is reading, as its messages name it. */
export type FileKind = 'incident' | 'maintenance';

/** The last status a file's updates may have, and what to do about an update after it. */
const FINAL: Record<FileKind, { status: string; fix: string }> = {
  incident: { status: 'resolved', fix: 'remove it, or change the resolved update below it to monitoring' },
  maintenance: { status: 'completed', fix: 'remove it, or change the completed update below it' },
};

export const finalStatus = (kind: FileKind) => FINAL[kind].status;

export const PROBLEMS = {
  unknownComponent: (id: string, guess: string | undefined, known: readonly string[]) => ({
    message: `unknown component "${id}"`,
    hint: guess ? `did you mean "${guess}"?` : `use an id from the site file: ${known.join(', ')}`,
  }),
  duplicateId: (kind: FileKind, id: string, first: string) => ({
    message: `${kind} id "${id}" is already used by ${first}`,
    hint: 'give one of them a different file name (or `id:`); never change an id once published',
  }),
  fileNameNotId: (fileName: string, suggestion: string) => ({
    message: `the file name "${fileName}" cannot be used in the page address`,
    hint: `rename it to ${suggestion || 'YYYY-MM-DD-short-title'}.md (lowercase letters, digits and dashes)`,
  }),
  reservedId: (kind: FileKind, id: string, use: string) => ({
    message: `"${id}" cannot be ${kind === 'incident' ? 'an' : 'a'} ${kind} id: ${use}`,
    hint: 'rename the file, or set another `id:`',
  }),
  updateNotLater: () => ({
    message: 'this update is not later than the one below it (updates are listed newest first)',
    hint: 'put the newest update at the top of the list and check the times',
  }),
  updateAfterFinal: (kind: FileKind) => ({
    message: `this update comes after the ${kind} was ${FINAL[kind].status}`,
    hint: FINAL[kind].fix,
  }),

  /* brand: (src/content/brand.ts) */
  lowContrast: (key: string, colour: string, background: string, ratio: string, direction: 'darker' | 'lighter', suggestion: string) => ({
    message: `${key}: ${colour} on ${background} has contrast ${ratio}; WCAG AA needs 4.5:1`,
    hint: `use a ${direction} colour such as ${suggestion}`,
  }),
  headerTextAlone: () => ({
    message: 'brand.colors.header_text is set, but there is no header bar (brand.colors.header)',
    hint: 'add  header: "#…"  for the bar\'s background, or remove header_text',
  }),
  brandFileMissing: (key: string, file: string) => ({
    message: `${key} names ${file}, which does not exist`,
    hint: 'add the file or remove the key',
  }),
  brandFileNotAFile: (key: string, file: string) => ({
    message: `${key} names ${file}, which is a folder`,
    hint: 'name the file inside it, like brand/logo.svg',
  }),
  brandFileOutside: (key: string, file: string) => ({
    message: `${key} names ${file}, which is outside the content folder`,
    hint: 'put the file in the content folder and name it from there, like brand/logo.svg',
  }),
  brandFileType: (key: string, file: string, extensions: readonly string[]) => ({
    message: `${key} names ${file}: the file must be ${extensions.length > 1 ? `${extensions.slice(0, -1).join(', ')} or ${extensions.at(-1)}` : extensions[0]}`,
    hint: extensions.length > 1 ? 'save it in one of those formats, and name it so' : `name a ${extensions[0]} file`,
  }),
  brandFileContent: (key: string, file: string, type: string) => ({
    message: `${key} names ${file}, which does not hold ${type} image`,
    hint: `save it as ${type}, or name it with the extension of its format`,
  }),
  brandFileTooLarge: (key: string, file: string, kb: number, limitKb: number) => ({
    message: `${key} names ${file}, which is ${kb} KB; the limit is ${limitKb} KB`,
    hint: 'make it smaller: every page loads it, on slow phones too',
  }),
  svgScript: (key: string, file: string) => ({
    message: `${key} names ${file}, which holds a script (a <script> element, an on… attribute or a javascript: link)`,
    hint: 'remove it: an image needs no script, and the page\'s security policy blocks it',
  }),
  cssLoadsOther: (what: string) => ({
    message: `this line loads ${what}`,
    hint: 'pages load nothing from other addresses: paste the rules here, use a data: URL, or brand.logo for the logo',
  }),
  /* strings: (src/content/strings.ts) */
  unknownLanguage: (tag: string, guess: string | undefined, available: readonly string[]) => ({
    message: `strings.${tag}: there are no interface strings for the language "${tag}"`,
    hint: guess ? `did you mean "${guess}"?` : `use one of ${available.join(', ')}`,
  }),
  fixedSection: (tag: string, section: string) => ({
    message: `strings.${tag}.${section} cannot be replaced: it describes the language file itself`,
    hint: 'remove it; choose the language with  locale:  in the site file',
  }),
  unknownString: (tag: string, key: string, guess: string | undefined) => ({
    message: `strings.${tag}.${key} is not an interface string`,
    hint: guess ? `did you mean "${guess}"?` : 'use a key of locales/en.json, like  site: { history: Past incidents }',
  }),
  emptyString: (tag: string, key: string) => ({
    message: `strings.${tag}.${key} is empty`,
    hint: 'write the text, or remove the key to keep the built-in one',
  }),
  placeholderLeftOut: (tag: string, key: string, missing: readonly string[], original: string) => ({
    message: `strings.${tag}.${key} leaves out ${missing.map((p) => `{${p}}`).join(' ')}, which the page fills in`,
    hint: `keep ${missing.map((p) => `{${p}}`).join(' ')} in the text, as in "${original}"`,
  }),
  placeholderUnknown: (tag: string, key: string, unknown: readonly string[], known: readonly string[]) => ({
    message: `strings.${tag}.${key} uses ${unknown.map((p) => `{${p}}`).join(' ')}, which nothing fills in`,
    hint: known.length ? `use only ${known.map((p) => `{${p}}`).join(' ')}` : 'remove it: this text has no placeholders',
  }),
} as const;
