/**
 * Outside text (an alert's summary, a component name) placed into a content file as one line that
 * stays text: in YAML as plain text, in Markdown with every character that could start a link, an
 * address, raw HTML, an entity, emphasis, code, a heading, list or quote escaped by a backslash.
 */

/** Control characters and the invisible ones that can reorder or hide text. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** One line of plain text: invisible characters out, white space collapsed. */
export const plainLine = (text: string): string => text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();

// CommonMark lets a backslash escape any ASCII punctuation, and shows the character alone. These are
// the ones markdown-it (with linkify) or a Markdown reader can give a meaning: [x](url), <a>, &lt;,
// *em*, `code`, # heading, - list, > quote, | table, and `.`, `:`, `/`, `@` so that no bare address
// (example.com, user@example.com, https://…) becomes a link.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~:/@&=^]/g;

/** One line of plain text written as Markdown that reads exactly as that text. */
export const markdownLine = (text: string): string => plainLine(text).replace(MARKDOWN_SPECIAL, '\\$&');
