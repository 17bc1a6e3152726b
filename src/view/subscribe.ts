import type { Site } from '../content/index.ts';
import { absoluteUrl } from '../shared/ids.ts';
import { CALENDAR_FILE, FEED_FORMATS, feedPath } from './urls.ts';

/** The Subscribe page (/subscribe/): every way to follow the page, as site paths and the full addresses to copy. */

export const SUBSCRIBE_URL = '/subscribe/';

export interface SubscribeLink {
  label: string;
  /** Site path, for the link. */
  href: string;
  /** Full address, shown to copy into a reader, calendar or chat. */
  address: string;
}

export interface SubscribeView {
  url: string;
  feeds: SubscribeLink[];
  components: { name: string; feeds: SubscribeLink[] }[];
  calendar: SubscribeLink;
  /** "/feed subscribe https://…/history.atom": what to type in Slack. */
  slackCommand: string;
  /** Mailing lists' sign-up addresses (notifications.email[].signup). */
  email: SubscribeLink[];
  api: SubscribeLink;
}

export function subscribeView(site: Site): SubscribeView {
  const link = (label: string, href: string): SubscribeLink => ({ label, href, address: absoluteUrl(site.url, href) });
  const feeds = (componentId?: string) => FEED_FORMATS.map((f) => link(f.label, feedPath(f.ext, componentId)));
  const signups = (site.notifications?.email ?? []).flatMap((e) => (e.signup ? [e.signup] : []));
  return {
    url: SUBSCRIBE_URL,
    feeds: feeds(),
    components: site.components.map((c) => ({ name: c.name, feeds: feeds(c.id) })),
    calendar: link('iCalendar', `/${CALENDAR_FILE}`),
    slackCommand: `/feed subscribe ${absoluteUrl(site.url, feedPath('atom'))}`,
    email: [...new Set(signups)].map((href) => ({ label: href.replace(/^mailto:/, ''), href, address: href })),
    api: link('summary.json', '/api/v2/summary.json'),
  };
}
