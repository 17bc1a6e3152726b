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
      .replace(/<li>/g, '• ')
      .replace(/<br\s*\/?>/g, '\n')
      .replace(/<\/(p|li|h\d|blockquote|pre|tr)>/g, '$&\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
