// HTML email: every contributor text is escaped; only Markdown rendered by the project's
// sanitizing renderer (renderMarkdown) goes into the message as HTML.
import { plainText } from './text.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML element or a quoted attribute. */
export const escapeHtml = (text: string): string => plainText(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** An address for href: only http(s) and mailto, escaped for the attribute; anything else is refused. */
export function safeHref(url: string): string {
  if (!/^(https?:\/\/|mailto:)/i.test(url)) throw new Error(`refusing a link to ${JSON.stringify(url)} in a message`);
  return escapeHtml(url);
}
