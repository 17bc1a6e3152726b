import type { ViewContext } from './context.ts';
import type { Locale, Messages } from './i18n.ts';
import { zoneLabel } from './meta.ts';

/**
 * What the browser scripts (src/client/) are told by the build: the site's strings and settings.
 * The rules they apply are bundled into them from the same modules the build uses.
 */

const clientTexts = (m: Messages) => ({
  state: m.state,
  indicator: m.indicator,
  update: m.update,
  active: m.home.active,
  affects: m.home.affects,
  posted: m.incident.posted,
  live: m.live,
  search: m.search,
  maintenance: m.maintenance,
  stale: m.home.stale,
  /** The locale's time format, for times the script writes (the reader's zone, a later update). */
  stamp: m.formats.stamp,
});

/** The pages' `data-site` attribute (every page carries it; the CSP allows no inline script). */
export interface ClientSettings {
  /** BCP 47 tag of the site's language. */
  locale: string;
  /** The site's IANA zone, and what pages call it ("UTC" for its aliases). */
  zone: string;
  zoneLabel: string;
  t: ReturnType<typeof clientTexts>;
}

/** Strings and settings for the pages' script, as one JSON attribute. */
export function clientSettings(ctx: ViewContext): string {
  return JSON.stringify({ locale: ctx.locale.tag, zone: ctx.zone, zoneLabel: zoneLabel(ctx.zone), t: clientTexts(ctx.m) } satisfies ClientSettings);
}

/** The status embed's strings in the site's language, written into embed/script.js by the build. */
export function embedTexts({ tag, dir, messages: m }: Locale) {
  return {
    lang: tag,
    dir,
    heading: m.home.heading,
    dismiss: m.embed.dismiss,
    more: m.embed.more,
    update: m.update,
    maintenance: { in_progress: m.maintenance.in_progress, verifying: m.maintenance.verifying },
  };
}
export type EmbedTexts = ReturnType<typeof embedTexts>;
