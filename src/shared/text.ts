/** Small text helpers shared by the XML, SVG and HTML outputs that are not written by templates. */

// C0 controls other than tab, newline and carriage return, and the two non-characters XML forbids.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Drops characters that XML 1.0 does not allow at all, so a stray control character cannot break a feed. */
export function cleanText(text: string): string {
  return text.replace(FORBIDDEN, '');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML or XML content and attribute values (and removes forbidden characters). */
export function escapeXml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
