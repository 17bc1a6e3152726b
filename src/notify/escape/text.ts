// Plain text: contributor text as it reads, without control characters (a stray escape code in a
// terminal, a form feed in mail) and, for headers, on one line (no header injection).

const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Text for a plain-text body: newlines and tabs kept, other control and bidi-override characters dropped. */
export const plainText = (text: string): string => text.replace(/\r\n?/g, '\n').replace(CONTROL, '');

/** One line for a mail header or a title: every line break and control character becomes a space. */
export const oneLine = (text: string): string => plainText(text).replace(/[\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();

/** Cuts text to `max` characters (by code point), ending in "…" when it was longer. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
