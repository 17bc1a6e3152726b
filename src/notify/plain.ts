// Markdown bodies as plain text for chat and plain-text mail, made from the same sanitized HTML
// the pages show: paragraphs and list items on their own lines, and a link as its text followed by
// its address, so no format gets a link it would not show as an address anyway.
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]!);

export function htmlToPlain(html: string): string {
  return decode(
    html
      .replace(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gs, (_, href: string, text: string) => {
        const label = text.replace(/<[^>]*>/g, '');
        const url = decode(href);
        return decode(label) === url || `mailto:${decode(label)}` === url ? label : `${label} (${href})`;
      })
      // The renderer's own line breaks between tags carry no meaning; block ends do.
      .replace(/>\n(?=<)/g, '>')
      .replace(/<li>/g, '• ')
      .replace(/<br\s*\/?>/g, '\n')
      .replace(/<\/(p|h\d|blockquote|pre|ul|ol)>/g, '$&\n\n')
      .replace(/<\/(li|tr)>/g, '$&\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Links in a body as the reader's browser would resolve them on the page the message is about:
 * a message has no base address, so a relative link would break (or go somewhere else) in mail.
 */
export function absoluteLinks(html: string, base: string): string {
  return html.replace(/ href="([^"]*)"/g, (whole, href: string) => {
    if (/^(https?:|mailto:)/i.test(href)) return whole;
    const url = new URL(decode(href), base).href;
    return ` href="${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
  });
}
