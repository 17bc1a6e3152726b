/**
 * `{name}` placeholders in interface strings: one syntax, filled in by the build and by the
 * browser scripts alike, and checked in the site file's strings: (it needs nothing but the language).
 */

const PLACEHOLDER = /\{(\w+)\}/g;

/** Replaces `{name}` placeholders; unknown ones are left as written. */
export function fill(message: string, params: Readonly<Record<string, string | number>>): string {
  return message.replace(PLACEHOLDER, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The text before and after one placeholder, so markup (a <time>) can go in between. */
export function around(message: string, name: string): { before: string; after: string } {
  const [before = '', after = ''] = message.split(`{${name}}`);
  return { before, after };
}

/** `{name}` placeholders of one message, sorted. */
export const placeholders = (message: string) => [...message.matchAll(PLACEHOLDER)].map((m) => m[1]!).sort();
