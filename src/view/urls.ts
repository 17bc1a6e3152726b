/**
 * Site paths of every page and subscriber file, in one place: pages link to them, feeds and the
 * API publish them, and subscribers store them, so they must never change.
 */

export const incidentUrl = (id: string) => `/incidents/${id}/`;
export const componentUrl = (id: string) => `/components/${id}/`;
export const historyUrl = (n: number) => (n === 1 ? '/history/' : `/history/${n}/`);
export const groupUrl = (id: string) => `/groups/${id}/`;

/** Element id of a maintenance's card on the home page, while it is upcoming or running. */
export const maintenanceAnchor = (id: string) => `maintenance-${id}`;
/** A maintenance's own page, which outlives its card: every shortlink points here. */
export const maintenanceUrl = (id: string) => `/maintenance/${id}/`;

/** The status embed other sites include (at the path Statuspage's uses, so a migrating site changes only the host). */
export const EMBED_SCRIPT_URL = '/embed/script.js';

/** A probed component's response-time series as JSON, beside the API (src/outputs/metrics.ts writes it). */
export const metricsUrl = (componentId: string) => `/api/v2/metrics/${componentId}.json`;

/** The maintenance calendar (iCalendar), at the site's root. */
export const CALENDAR_FILE = 'maintenance.ics';

export const FEED_FORMATS = [
  { ext: 'atom', type: 'application/atom+xml', label: 'Atom' },
  { ext: 'rss', type: 'application/rss+xml', label: 'RSS' },
  { ext: 'json', type: 'application/feed+json', label: 'JSON Feed' },
] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number]['ext'];

/** Site path of a feed, like `/history.atom` or `/components/sms/history.atom`. */
export const feedPath = (format: FeedFormat, componentId?: string) =>
  componentId ? `/components/${componentId}/history.${format}` : `/history.${format}`;

/** `<link rel="alternate">` tags for a page's head: the page's feeds, or a component's. */
export function feedLinks(componentId?: string): { rel: 'alternate'; type: string; href: string; title: string }[] {
  const what = componentId ? 'Incident history of this component' : 'Incident history';
  return FEED_FORMATS.map((f) => ({ rel: 'alternate', type: f.type, href: feedPath(f.ext, componentId), title: `${what} (${f.label})` }));
}
