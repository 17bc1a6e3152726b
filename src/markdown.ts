import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Contributor Markdown → safe HTML. Raw HTML is allowed through markdown-it and then
 * cut down to a small allow-list, so no script, handler or `javascript:` URL survives.
 */
const md = new MarkdownIt({ html: true, linkify: true, typographer: false });

// Postmortem and update headings sit under the page's own h2, so `#` becomes h2, `##` h3, ….
md.core.ruler.push('shift_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
    }
  }
});

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'mark',
    'code', 'pre', 'kbd', 'samp', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'table', 'thead',
    'tbody', 'tr', 'th', 'td', 'sub', 'sup', 'abbr', 'small',
  ],
  allowedAttributes: { a: ['href', 'title'], ol: ['start'], th: ['align'], td: ['align'], abbr: ['title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Drop the content of dangerous elements instead of showing it as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener' } }),
  },
};
SANITIZE.allowedAttributes = { ...(SANITIZE.allowedAttributes as Record<string, string[]>), a: ['href', 'title', 'rel'] };

export function renderMarkdown(text: string): string {
  return sanitizeHtml(md.render(text), SANITIZE).trim();
}

/** Plain text of Markdown, for summaries and meta descriptions. */
export function markdownToText(text: string): string {
  return sanitizeHtml(md.render(text), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim();
}
