import { createHash } from 'node:crypto';

/** Identifiers and addresses that subscribers store, so they must never change between builds. */

/** A 12-character lowercase id (the shape of Statuspage's ids) derived from `text`. */
export function stableId(text: string): string {
  const digest = createHash('sha256').update(text).digest();
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return Array.from(digest.subarray(0, 12), (byte) => alphabet[byte % 36]).join('');
}

/** The page id of the API: derived from the site URL, so it stays the same while the site does. */
export const pageId = (siteUrl: string) => stableId(new URL(siteUrl).href);

/**
 * A tag URI (RFC 4151) for feed entries. The date part is fixed for good: changing it would make
 * every feed reader show every incident again.
 */
export function tagUri(siteUrl: string, specific: string): string {
  return `${tagPrefix(siteUrl)}${specific}`;
}

// Parsing the site URL is the costly part, and a build asks for one site's prefix 30,000 times.
// A per-process memo of a pure function of the URL: the same answer whichever build asks.
let lastSite: { url: string; tag: string; base: string } | undefined;
function parsedSite(siteUrl: string) {
  if (lastSite?.url !== siteUrl) {
    const url = new URL(siteUrl);
    // A page under a path (example.org/status/) keeps it, so two pages on one host never share ids.
    const prefix = url.pathname === '/' ? '' : url.pathname.replace(/\/?$/, '/');
    lastSite = { url: siteUrl, tag: `tag:${url.hostname},2005:${prefix}`, base: new URL(siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href };
  }
  return lastSite;
}
const tagPrefix = (siteUrl: string) => parsedSite(siteUrl).tag;

/** A path of plain characters resolves against the base by appending it; anything else goes through URL. */
const PLAIN_PATH = /^[A-Za-z0-9_~/-]*(?:\.[A-Za-z0-9]+)?$/;

/** Absolute URL of a site path such as `/incidents/x/`, keeping the site's own base path. */
export function absoluteUrl(siteUrl: string, sitePath: string): string {
  const { base } = parsedSite(siteUrl);
  const relative = sitePath.replace(/^\//, '');
  return PLAIN_PATH.test(relative) && !relative.includes('//') ? base + relative : new URL(relative, base).href;
}
