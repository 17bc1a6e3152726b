import MarkdownIt from 'markdown-it';

/**
 * Contributor Markdown → safe HTML, by construction rather than by cleaning afterwards:
 * raw HTML is escaped as text (`html: false`), images are off (they would load third-party
 * content), and links keep only http(s), mailto and same-site addresses. That is also far
 * faster than parsing the output again with a sanitizer, which matters at 60,000 updates.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.disable(['image']);

const SAFE_LINK = /^(https?:|mailto:|\/(?!\/)|#|\.{1,2}\/|[^:/?#]+(?:[/?#]|$))/i;
md.validateLink = (url) => SAFE_LINK.test(url.trim());

// Updates and postmortems sit under the page's own h2, so `#` becomes h2, `##` h3, ….
md.core.ruler.push('shift_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
    }
  }
});

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
md.renderer.rules.link_open = (tokens, i, options, env, self) => {
  tokens[i]!.attrSet('rel', 'nofollow noopener');
  return defaultLinkOpen(tokens, i, options, env, self);
};

// Pages, feeds and the API show the same bodies; render each text once per process, and with a
// build cache once per change (`renderedMarkdown`).
const rendered = new Map<string, string>();
let kept = new Map<string, string>();

export function renderMarkdown(text: string): string {
  let html = rendered.get(text);
  if (html === undefined) {
    html = kept.get(text) ?? md.render(text).trim();
    rendered.set(text, html);
  }
  return html;
}

/** For the build cache: the bodies this build rendered, and the ones the last build left. */
export const renderedMarkdown = {
  entries: () => rendered.entries(),
  keep(entries: Map<string, string>) {
    kept = entries;
  },
};

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Plain text of Markdown, for summaries and meta descriptions (escaped again by the templates). */
export function markdownToText(text: string): string {
  return renderMarkdown(text)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!)
    .replace(/\s+/g, ' ')
    .trim();
}
