// Which files of the site a page refers to. The deploy uploads a file before the pages that link
// to it; tests use the same reading to check that every link resolves under the base path.

/** Where the site is served: the origin and path of its configured URL. */
export interface SiteLocation {
  origin: string;
  /** "/" or "/status/": always starts and ends with a slash. */
  basePath: string;
}

export function siteLocation(siteUrl: string): SiteLocation {
  const url = new URL(siteUrl);
  const basePath = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { origin: url.origin, basePath };
}

/** Attributes whose value is a URL the browser may load or navigate to. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'action', 'data']);

const TAG = /<([a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** One start tag: its name (lower case) and attributes (names lower case, values decoded). */
export interface Tag {
  name: string;
  attributes: Map<string, string>;
}

/** Start tags of an HTML document, skipping comments and the contents of script and style. */
export function startTags(html: string): Tag[] {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<(script|style)\b[^>]*>)[\s\S]*?<\/\2\s*>/gi, '$1');
  const tags: Tag[] = [];
  for (const [, name, attrs] of text.matchAll(TAG)) {
    const attributes = new Map<string, string>();
    for (const m of (attrs ?? '').matchAll(ATTRIBUTE)) {
      attributes.set(m[1]!.toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
    }
    tags.push({ name: name!.toLowerCase(), attributes });
  }
  return tags;
}

/** Every URL written in a page's attributes (href, src, srcset, …, and meta URLs). */
export function htmlReferences(html: string): string[] {
  const refs: string[] = [];
  for (const { name, attributes } of startTags(html)) {
    for (const [attr, value] of attributes) {
      if (URL_ATTRIBUTES.has(attr)) refs.push(value.trim());
      else if (attr === 'srcset') refs.push(...value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '').filter(Boolean));
      else if (name === 'meta' && attr === 'content' && /^https?:\/\//i.test(value)) refs.push(value.trim());
    }
  }
  return refs.filter((r) => r !== '');
}

/** The `url(…)` references of a stylesheet. */
export function cssReferences(css: string): string[] {
  return [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)]
    .map((m) => (m[1] ?? m[2] ?? m[3] ?? '').trim())
    .filter((r) => r !== '' && !r.startsWith('data:'));
}

/** The URL path a file of the output is served at ("incidents/x/index.html" → "<base>incidents/x/"). */
export function urlPathOf(key: string, basePath: string): string {
  if (key === 'index.html') return basePath;
  return basePath + (key.endsWith('/index.html') ? key.slice(0, -'index.html'.length) : key);
}

/** What a reference points at, seen from the site. */
export type Target =
  | { kind: 'external' }
  | { kind: 'fragment' }
  /** Same origin, but not under the base path: the site does not serve it. */
  | { kind: 'outside'; path: string }
  /** A file of the site: `key` is its path in the output ("history/index.html"). */
  | { kind: 'local'; path: string; key: string };

/** Resolves a reference written in the file `fromKey` the way a browser would. */
export function resolveReference(ref: string, fromKey: string, site: SiteLocation): Target {
  if (ref.startsWith('#')) return { kind: 'fragment' };
  let url: URL;
  try {
    url = new URL(ref, site.origin + urlPathOf(fromKey, site.basePath));
  } catch {
    return { kind: 'external' };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== site.origin) return { kind: 'external' };
  const urlPath = url.pathname;
  if (!urlPath.startsWith(site.basePath)) return { kind: 'outside', path: urlPath };
  let rest = urlPath.slice(site.basePath.length);
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // A malformed escape names no file; keep it as written.
  }
  const key = rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest;
  return { kind: 'local', path: urlPath, key };
}

/** The file a key refers to, if the set has it; "history" also finds "history/index.html". */
export function existingKey(key: string, keys: ReadonlySet<string>): string | undefined {
  if (keys.has(key)) return key;
  const asFolder = `${key}/index.html`;
  return keys.has(asFolder) ? asFolder : undefined;
}

/** Keys of the site's files that a page refers to (links, stylesheets, scripts, images, feeds). */
export function localReferences(html: string, fromKey: string, site: SiteLocation): string[] {
  const keys = new Set<string>();
  for (const ref of htmlReferences(html)) {
    const target = resolveReference(ref, fromKey, site);
    if (target.kind === 'local') keys.add(target.key);
  }
  return [...keys];
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}
