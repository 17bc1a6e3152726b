import type { Site } from '../content/index.ts';
import { iso } from '../shared/format.ts';
import { Markdown } from '../shared/markdown.ts';
import { stampIn, type Locale, type Messages } from './i18n.ts';

/** A moment as pages print it: text in the site's zone and language, and the instant for `<time>`. */
export interface Stamp {
  text: string;
  iso: string;
}

/** What every view builder needs besides its own input: passed in, never captured. */
export interface ViewContext {
  site: Site;
  /** The site's IANA zone. */
  zone: string;
  locale: Locale;
  m: Messages;
  markdown: Markdown;
}

export function viewContext(site: Site, locale: Locale, markdown = new Markdown()): ViewContext {
  return { site, zone: site.time_zone, locale, m: locale.messages, markdown };
}

export const stampAt = (ctx: ViewContext, ms: number): Stamp => ({ text: stampIn(ms, ctx.zone, ctx.locale), iso: iso(ms) });
