// The one table of HTTP response headers for the built site. The S3 deploy reads it for each
// object's Content-Type and Cache-Control; the `_headers` file for Netlify and Cloudflare Pages is
// written from the same rules, so every host serves the same bytes with the same headers.
import path from 'node:path';
import type { Output, OutputFile } from './files.ts';
import { OUTPUTS } from './list.ts';
import type { StatusState } from '../state/index.ts';

/** How long a response may be reused. */
export const CACHE_CONTROL = {
  /** Names carry a hash of the bytes, so a URL never changes meaning: cache for a year. */
  immutable: 'public, max-age=31536000, immutable',
  /**
   * Status must be fresh within a minute. Caches may answer with a stale copy for a few seconds
   * while they fetch the new one, and for a day when the origin is failing: a status page should
   * stay up when everything else is down.
   */
  short: 'public, max-age=60, stale-while-revalidate=30, stale-if-error=86400',
} as const;
export type CacheRule = keyof typeof CACHE_CONTROL;

/**
 * Sent with every response. Pages must not rely on inline script or style: both are blocked.
 * 'wasm-unsafe-eval' lets the search index (Pagefind, WebAssembly) run; it allows no JavaScript
 * eval. form-action and frame-ancestors do not fall back to default-src, so they are set explicitly.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  'X-Frame-Options': 'DENY',
};

/** Top-level folders of the site; a test fails when the build writes one that is not listed. */
export const SITE_FOLDERS: readonly string[] = ['api', 'assets', 'components', 'embed', 'groups', 'history', 'incidents', 'maintenance', 'pagefind', 'subscribe'];

/**
 * The content editor (Decap CMS at /admin/, when configured) styles itself with inline styles and
 * talks to the Git host's API, so it gets only the parts of the policy it can live with.
 */
export const EDITOR_FOLDER = 'admin';
export const EDITOR_CSP = "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

/** Feeds, API and badges are read by other sites' scripts and widgets. */
export const CORS_HEADERS: Readonly<Record<string, string>> = { 'Access-Control-Allow-Origin': '*' };

/** Upload order class: what a page needs comes first, what points at pages comes last. */
export type FileKind = 'asset' | 'page' | 'data';

const TEXT = '; charset=utf-8';
/** Content types by extension; anything else is served as bytes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': `text/html${TEXT}`,
  '.css': `text/css${TEXT}`,
  '.js': `text/javascript${TEXT}`,
  '.mjs': `text/javascript${TEXT}`,
  '.json': `application/json${TEXT}`,
  '.map': `application/json${TEXT}`,
  '.atom': `application/atom+xml${TEXT}`,
  '.rss': `application/rss+xml${TEXT}`,
  '.xml': `application/xml${TEXT}`,
  '.ics': `text/calendar${TEXT}`,
  '.txt': `text/plain${TEXT}`,
  '.yml': `text/yaml${TEXT}`,
  '.yaml': `text/yaml${TEXT}`,
  '.webmanifest': `application/manifest+json${TEXT}`,
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};
const BYTES = 'application/octet-stream';

/** Extensions of files that subscribers and scripts read rather than people. */
const DATA_EXTENSIONS = new Set(['.json', '.atom', '.rss', '.xml', '.ics', '.txt', '.webmanifest']);

/**
 * Rules by URL path, relative to the site root, in the syntax Netlify and Cloudflare Pages share:
 * `*` matches anything (slashes too), `:name` one path segment. No two rules that can match the
 * same file set the same header (those hosts would join the two values with a comma).
 */
export interface PathRule {
  pattern: string;
  /** Replaces the type the extension gives (and is written to `_headers`). */
  contentType?: string;
  cache?: CacheRule;
  cors?: boolean;
  kind?: FileKind;
}

/**
 * Files that subscribers' readers, scripts and widgets fetch (API, feeds, badges, calendar, embed):
 * each output's record names its own, so a new output cannot be forgotten here.
 */
const SUBSCRIBER_FILES = OUTPUTS.flatMap((output) => output.serves ?? []);

export const PATH_RULES: readonly PathRule[] = [
  // Every file under assets/ is fingerprinted by the build (name.<hash>.ext); a test checks it.
  { pattern: '/assets/*', cache: 'immutable', kind: 'asset' },
  ...SUBSCRIBER_FILES.map(({ path: pattern, type }): PathRule => ({ pattern, contentType: type, cache: 'short', cors: true, kind: 'data' })),
];

/** Whether a rule pattern matches a URL path (both starting with "/"). */
export function matchesPattern(pattern: string, urlPath: string): boolean {
  let source = '';
  for (const part of pattern.split(/(\*|:[A-Za-z]\w*)/)) {
    if (part === '*') source += '.*';
    else if (part.startsWith(':')) source += '[^/]+';
    else source += part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`).test(urlPath);
}

/** Everything the table says about one file of the built site. */
export interface FileHeaders {
  contentType: string;
  cacheControl: string;
  cors: boolean;
  kind: FileKind;
}

/**
 * Headers for a file of the output folder, by its path inside it ("incidents/x/index.html").
 * HTML, API, feeds and badges revalidate within a minute; fingerprinted assets are immutable.
 */
export function headersFor(file: string): FileHeaders {
  const urlPath = `/${file}`;
  const ext = path.posix.extname(file).toLowerCase();
  const rules = PATH_RULES.filter((r) => matchesPattern(r.pattern, urlPath));
  const pick = <K extends keyof PathRule>(key: K): PathRule[K] | undefined => rules.find((r) => r[key] !== undefined)?.[key];
  const kind = pick('kind') ?? (ext === '.html' ? 'page' : DATA_EXTENSIONS.has(ext) ? 'data' : 'asset');
  return {
    contentType: pick('contentType') ?? CONTENT_TYPES[ext] ?? BYTES,
    cacheControl: CACHE_CONTROL[pick('cache') ?? 'short'],
    cors: pick('cors') ?? false,
    kind,
  };
}

/** Files that configure a static host; they are not part of the site and never uploaded. */
export const HOST_FILES: ReadonlySet<string> = new Set(['_headers', '_redirects', '.nojekyll']);

/** `_headers` for Netlify and Cloudflare Pages, written from the table above. */
export function headersFile(basePath: string): string {
  const lines = ['# Response headers for Netlify and Cloudflare Pages, written by the build from src/outputs/headers.ts.', ''];
  const block = (pattern: string, headers: Record<string, string>) => {
    lines.push(pattern, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`), '');
  };
  const { 'Content-Security-Policy': csp, ...others } = SECURITY_HEADERS;
  block('/*', others);
  // Under a sub-path the host may see either form of the URL (see `_redirects`): cover both.
  const prefixes = basePath === '/' ? [''] : [basePath.replace(/\/$/, ''), ''];
  for (const prefix of prefixes) {
    // The policy goes on every path but the editor's: hosts join two values of one header, and
    // two policies are both enforced, so /* could not be loosened for /admin/ later.
    for (const pattern of ['/', '/:file', ...SITE_FOLDERS.map((f) => `/${f}/*`)]) block(`${prefix}${pattern}`, { 'Content-Security-Policy': csp! });
    block(`${prefix}/${EDITOR_FOLDER}/*`, { 'Content-Security-Policy': EDITOR_CSP });
    for (const rule of PATH_RULES) {
      const headers: Record<string, string> = {};
      if (rule.contentType) headers['Content-Type'] = rule.contentType;
      if (rule.cache) headers['Cache-Control'] = CACHE_CONTROL[rule.cache];
      if (rule.cors) Object.assign(headers, CORS_HEADERS);
      block(`${prefix}${rule.pattern}`, headers);
    }
  }
  return lines.join('\n');
}

/** `_redirects` for Netlify and Cloudflare Pages: folders without a page, and the sub-path. */
export function redirectsFile(basePath: string): string {
  const lines = ['# Redirects for Netlify and Cloudflare Pages, written by the build from src/outputs/headers.ts.'];
  const prefixes = basePath === '/' ? ['/'] : [basePath, '/'];
  for (const from of prefixes) {
    lines.push(`${from}incidents/  ${basePath}history/  302`, `${from}components/  ${basePath}  302`);
  }
  // Pages link to `<base>…`; a host that serves the output at its root answers those URLs too.
  if (basePath !== '/') lines.push(`${basePath}*  /:splat  200`);
  return `${lines.join('\n')}\n`;
}

/** Host configuration files for static hosts without an upload step. */
function hostFiles(state: StatusState): OutputFile[] {
  const basePath = new URL(state.content.site.url).pathname;
  return [
    { path: '_headers', content: headersFile(basePath) },
    { path: '_redirects', content: redirectsFile(basePath) },
    // GitHub Pages: serve the folder as it is, without Jekyll.
    { path: '.nojekyll', content: '' },
  ];
}

/** Output: `_headers`, `_redirects` and `.nojekyll`, written from the rules above. */
export const hostOutput: Output = { produce: hostFiles };
