import { type Indicator, type ShownState, type StatusState, worstOf } from '../state/index.ts';
import { stampAt, type Stamp, type ViewContext } from './context.ts';
import { around, fill, fillAll, type Messages } from './i18n.ts';
import { FEED_FORMATS, feedLinks } from './urls.ts';

/** What every page carries besides its own content: head, banner, interface strings, feeds. */

export interface PageMeta {
  name: string;
  /** "CommCare HQ Status", the name every page title ends with. */
  title: string;
  url: string;
  description: string;
  supportUrl?: string;
  timeZone: string;
  /** The IANA zone, for the script that converts stamps. */
  zoneId: string;
  /** BCP 47 tag for `<html lang>`. */
  locale: string;
  dir: 'ltr' | 'rtl';
  generated: Stamp;
  /** The site's logo, shown before the name in the header (site path); absent without `brand.logo`. */
  logo?: string;
  /** The site's icon, replacing the built-in one; absent without `brand.favicon`. */
  favicon?: { href: string; type: string };
}

/** Where the build writes the site's own images from `brand:` (site paths), for every page's head and header. */
export interface BrandLinks {
  logo?: string;
  favicon?: { href: string; type: string };
}

/** A `<link rel="alternate">` to a feed. */
export interface FeedLink {
  type: string;
  href: string;
  title: string;
  /** "Atom", "RSS", "JSON Feed". */
  label: string;
}

/** Interface strings with the site name filled in, plus the pieces around markup. */
export interface TextView extends Messages {
  parts: {
    posted: { before: string; after: string };
    zone: { before: string; after: string };
    generated: { before: string; after: string };
    /** "As of <time>" by the banner, so a page a rebuild has not reached reads as old. */
    asOf: { before: string; after: string };
  };
}

/** Whether a zone name is one of UTC's names (a reader in one of them reads the site's UTC times as their own). */
export const isUtcZone = (zone: string) => /^(Etc\/)?(UTC|GMT|Zulu|UCT|Universal)$/.test(zone);

/** "UTC" for the zones readers know by that name; the IANA name otherwise. */
export const zoneLabel = (zone: string) => (isUtcZone(zone) ? 'UTC' : zone);

export function pageMeta(ctx: ViewContext, now: number, brand: BrandLinks = {}): PageMeta {
  const { site, locale } = ctx;
  return {
    name: site.name,
    title: fill(ctx.m.site.title, { name: site.name }),
    url: site.url,
    description: site.description,
    supportUrl: site.support_url,
    timeZone: zoneLabel(ctx.zone),
    zoneId: ctx.zone,
    locale: locale.tag,
    dir: locale.dir,
    generated: stampAt(ctx, now),
    logo: brand.logo,
    favicon: brand.favicon,
  };
}

/** The site's feeds (no component) or one component's, each titled "<what> (<format>)". */
export function feedLinkViews(componentId: string | undefined, what: string): FeedLink[] {
  return feedLinks(componentId).map((f, i) => {
    const label = FEED_FORMATS[i]?.label ?? f.type;
    return { type: f.type, href: f.href, title: `${what} (${label})`, label };
  });
}

export function textView(ctx: ViewContext): TextView {
  const { m } = ctx;
  return {
    ...fillAll(m, { name: ctx.site.name }),
    parts: {
      posted: around(m.incident.posted, 'time'),
      zone: around(m.site.zone, 'zone'),
      generated: around(m.site.generated, 'time'),
      asOf: around(m.home.asOf, 'time'),
    },
  };
}

/** Statuspage's banner wording follows the indicator; a minor one caused only by slowness reads "Partially Degraded". */
export const bannerKey = (indicator: Indicator, worst: ShownState): keyof Messages['indicator'] =>
  indicator === 'minor' && worst === 'degraded_performance' ? 'degraded' : indicator;

export function banner(ctx: ViewContext, state: StatusState): { indicator: Indicator; description: string } {
  const worst = worstOf(state.components.map((c) => c.state), 'operational');
  return { indicator: state.indicator, description: ctx.m.indicator[bannerKey(state.indicator, worst)] };
}
