import { Feed, type Item } from 'feed';
import { affectedText, componentUrl, FEED_FORMATS, type FeedFormat, feedPath, incidentUrl, maintenanceUrl } from '../view/index.ts';
import { stamp, type Clock } from '../shared/format.ts';
import { absoluteUrl, tagUri } from '../shared/ids.ts';
import { Markdown } from '../shared/markdown.ts';
import { keyOf } from '../shared/input-key.ts';
import type { KeyedFile, Output } from './files.ts';
import type { Site } from '../content/index.ts';
import { incidentSourceKey, type IncidentState, type MaintenanceState, STATE_LABELS, type StatusState } from '../state/index.ts';
import { cleanText, escapeXml } from '../shared/text.ts';
import { startOfDay } from '../shared/time.ts';

/**
 * Incident history feeds (Atom 1.0, RSS 2.0, JSON Feed 1.1) for the whole page and for each
 * component. One entry per incident, updated in place: its id never changes, `updated` is its
 * latest update, and its content carries every update newest first.
 */


/** One entry, as the same model for every format. Text fields are plain text, `html` is safe HTML. */
interface Entry {
  id: string;
  title: string;
  url: string;
  published: Date;
  updated: Date;
  html: string;
}

interface FeedModel {
  id: string;
  title: string;
  description: string;
  /** The HTML page the feed mirrors. */
  home: string;
  /** Path of the feed files without the extension. */
  path: (format: FeedFormat) => string;
  updated: Date;
  /** What it lists, newest change first; their entries are rendered when the feed is made. */
  items: FeedItem[];
}

/** Feeds carry incidents and, as Statuspage's history feed does, scheduled maintenance. */
type FeedItem =
  | { kind: 'incident'; state: IncidentState; id: string; updatedAt: number; componentIds: string[] }
  | { kind: 'maintenance'; state: MaintenanceState; id: string; updatedAt: number; componentIds: string[] };

const feedItems = (state: StatusState): FeedItem[] =>
  [
    ...state.incidents.map((i): FeedItem => ({ kind: 'incident', state: i, id: i.incident.id, updatedAt: i.updatedAt, componentIds: i.componentIds })),
    // A maintenance enters the feeds with its first update shown (written, or the clock's at the start
    // of the window), dated by its latest one: never by a window still to come.
    ...state.maintenances
      .filter((m) => m.updates.length > 0)
      .map((m): FeedItem => ({ kind: 'maintenance', state: m, id: m.maintenance.id, updatedAt: m.updates.at(-1)!.at, componentIds: m.componentIds })),
  ].sort((a, b) => b.updatedAt - a.updatedAt || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));

/**
 * What an entry is made from, as a short key: an incident's source key (with a build cache), or
 * a maintenance's state as shown (a few hundred at most, and the clock moves them on by itself).
 */
const itemKey = (item: FeedItem): string | undefined => (item.kind === 'incident' ? incidentSourceKey(item.state) : keyOf(item.state));

/** Producer: every feed file. Only the entries of feeds that are made get rendered. */
export function feedFiles(state: StatusState, markdown = new Markdown()): Iterable<KeyedFile> {
  const { site } = state.content;
  const clock: Clock = { zone: site.time_zone, locale: site.locale };
  const names = new Map(site.components.map((c) => [c.id, c.name]));
  // Most recently updated first; the history pages and the API keep the rest.
  const recent = feedItems(state);
  const byComponent = new Map<string, FeedItem[]>();
  for (const i of recent) {
    for (const id of i.componentIds) {
      const list = byComponent.get(id) ?? [];
      if (list.length < site.feed_limit) list.push(i);
      byComponent.set(id, list);
    }
  }
  // An empty feed still needs a stable `updated`: the day its component (or the oldest one) started.
  const started = (dates: string[]) => new Date(Math.min(...dates.map((d) => startOfDay(d, site.time_zone))));
  const model = (listed: FeedItem[], since: Date, rest: Pick<FeedModel, 'id' | 'title' | 'description' | 'home' | 'path'>): FeedModel => {
    const items = listed.slice(0, site.feed_limit);
    return { ...rest, items, updated: items[0] ? new Date(items[0].updatedAt) : since };
  };
  const feeds = [
    model(recent, started(site.components.map((c) => c.start_date)), {
      id: tagUri(site.url, 'History'),
      title: `${site.name} - Incident History`,
      description: site.description || `Incidents reported on the ${site.name} status page.`,
      home: absoluteUrl(site.url, '/'),
      path: (format) => feedPath(format),
    }),
    ...site.components.map((c) =>
      model(byComponent.get(c.id) ?? [], started([c.start_date]), {
        id: tagUri(site.url, `Component/${c.id}/History`),
        title: `${site.name} - ${c.name} - Incident History`,
        description: `Incidents that affected ${c.name}.`,
        home: absoluteUrl(site.url, componentUrl(c.id)),
        path: (format) => feedPath(format, c.id),
      }),
    ),
  ];
  return {
    *[Symbol.iterator]() {
      // An incident is in the page's feed and its components' feeds: render its entry once. Held
      // only while the feeds are written.
      const rendered = new Map<FeedItem, Entry>();
      const make = (item: FeedItem) =>
        item.kind === 'incident' ? toEntry(item.state, site, clock, names, markdown) : maintenanceEntry(item.state, site, clock, markdown);
      const entry = (item: FeedItem) => rendered.get(item) ?? rendered.set(item, make(item)).get(item)!;
      for (const f of feeds) {
        let entries: Entry[] | undefined;
        const entriesOf = () => (entries ??= f.items.map(entry));
        let key: string | undefined;
        const keyOfFeed = () => {
          // An entry is made from its incident alone (and the site): with a build cache, the
          // incidents' source keys stand for the entries.
          const sources = f.items.map(itemKey);
          const { items: _items, ...rest } = f;
          return sources.every((k) => k !== undefined) ? keyOf(site, rest, sources) : keyOf(site, rest, entriesOf());
        };
        for (const format of FEED_FORMATS) {
          yield {
            path: f.path(format.ext).slice(1),
            key: () => `${format.ext} ${(key ??= keyOfFeed())}`,
            make: () => renderFeed(f, entriesOf(), format.ext, site),
          };
        }
      }
    },
  };
}

function toEntry(i: IncidentState, site: Site, clock: Clock, names: Map<string, string>, markdown: Markdown): Entry {
  const when = (ms: number) => escapeXml(stamp(ms, clock));
  const parts: string[] = [];
  if (i.postmortem) {
    parts.push(`<p><small>${when(i.postmortem.at)}</small><br><strong>Postmortem</strong></p>`, markdown.html(i.postmortem.body));
  }
  for (const u of [...i.updates].reverse()) {
    parts.push(`<p><small>${when(u.at)}</small><br><strong>${escapeXml(u.label)}</strong></p>`, markdown.html(u.body));
    const changed = u.changes.filter((c) => c.from !== c.to);
    if (changed.length) {
      const lines = changed.map((c) => `${escapeXml(names.get(c.id) ?? c.id)}: ${STATE_LABELS[c.from]} → ${STATE_LABELS[c.to]}`);
      parts.push(`<p><small>${lines.join('<br>')}</small></p>`);
    }
  }
  const affected = affectedText(site, i.componentIds);
  // "affects" while open, "affected" once resolved, as Statuspage words it.
  if (affected) parts.push(`<p>This incident ${i.open ? 'affects' : 'affected'}: ${escapeXml(affected)}</p>`);
  return {
    id: tagUri(site.url, `Incident/${i.incident.id}`),
    title: cleanText(i.incident.title),
    url: absoluteUrl(site.url, incidentUrl(i.incident.id)),
    published: new Date(i.startedAt),
    updated: new Date(i.updatedAt),
    html: cleanText(parts.join('\n')),
  };
}

function maintenanceEntry(m: MaintenanceState, site: Site, clock: Clock, markdown: Markdown): Entry {
  const when = (ms: number) => escapeXml(stamp(ms, clock));
  const { maintenance } = m;
  const parts = [`<p><small>${when(maintenance.scheduledFor)} to ${when(maintenance.scheduledUntil)}</small><br><strong>Scheduled maintenance</strong></p>`];
  if (maintenance.description) parts.push(markdown.html(maintenance.description));
  for (const u of [...m.updates].reverse()) parts.push(`<p><small>${when(u.at)}</small><br><strong>${escapeXml(u.label)}</strong></p>`, markdown.html(u.body));
  const affected = affectedText(site, m.componentIds);
  if (affected) parts.push(`<p>This scheduled maintenance ${m.status === 'completed' ? 'affected' : 'affects'}: ${escapeXml(affected)}</p>`);
  return {
    id: tagUri(site.url, `Maintenance/${maintenance.id}`),
    title: cleanText(maintenance.title),
    url: absoluteUrl(site.url, maintenanceUrl(maintenance.id)),
    published: new Date(m.updates[0]!.at),
    updated: new Date(m.updates.at(-1)!.at),
    html: cleanText(parts.join('\n')),
  };
}

/**
 * Writes one feed with the `feed` library. Titles differ by format: Atom declares its titles
 * HTML (so they are escaped), RSS and JSON Feed carry plain text.
 *
 * RSS item titles go in as placeholders and come out as escaped text, because the library puts
 * them in CDATA where they cannot be read back as written: its XML writer splits only the first
 * `]]>` (a second one ends the section early and breaks the file), and some readers (feedsmith)
 * drop `<!--…-->` even inside CDATA. Escaped text reads back exactly in every XML parser.
 */
function renderFeed(model: FeedModel, entries: Entry[], format: FeedFormat, site: Site): string {
  // The library's XML writer (xml-js) turns `&amp;` in a text back into `&` before escaping it, so a
  // name that says "&amp;" would read back as "&". Given with every `&` as `&amp;`, that step returns
  // the text exactly. JSON Feed takes the text as it is.
  const text = (value: string) => (format === 'json' ? cleanText(value) : cleanText(value).replaceAll('&', '&amp;'));
  const feed = new Feed({
    id: model.id,
    title: text(model.title),
    description: text(model.description),
    link: model.home,
    language: site.locale,
    updated: model.updated,
    generator: false,
    author: { name: text(site.name), link: absoluteUrl(site.url, '/') },
    feedLinks: Object.fromEntries(FEED_FORMATS.map((f) => [f.ext, absoluteUrl(site.url, model.path(f.ext))])),
  });
  const rssTitles: string[] = [];
  for (const e of entries) {
    const item: Item = { id: e.id, link: e.url, title: e.title, date: e.updated, content: e.html };
    if (format === 'atom') Object.assign(item, { title: escapeXml(e.title), published: e.published });
    if (format === 'rss') Object.assign(item, { title: rssTitleSlot(rssTitles.push(e.title) - 1), content: undefined, description: e.html });
    if (format === 'json') item.published = e.published;
    feed.addItem(item);
  }
  if (format === 'atom') return feed.atom1();
  if (format === 'rss') return feed.rss2().replace(RSS_TITLE_SLOT, (_, n: string) => escapeXml(rssTitles[Number(n)]!));
  return jsonFeed11(feed.json1(), site);
}

/** Stands for RSS item title `n`: U+FFFF is dropped from every text (cleanText), so no text can hold it. */
const rssTitleSlot = (n: number) => `\uFFFF${n}\uFFFF`;
const RSS_TITLE_SLOT = /<!\[CDATA\[\uFFFF(\d+)\uFFFF\]\]>/g;

/** The library writes JSON Feed 1.0; 1.1 only renames `author` to `authors` and adds `language`. */
function jsonFeed11(text: string, site: Site): string {
  const { version: _version, author, items, ...rest } = JSON.parse(text) as Record<string, unknown>;
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    ...rest,
    ...(author ? { authors: [author] } : {}),
    language: site.locale,
    items,
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

/** Output: the page's and each component's feeds, in every format. */
export const feedOutput: Output = {
  produce: (state, { markdown }) => feedFiles(state, markdown),
  serves: FEED_FORMATS.flatMap((f) => [
  { path: `/history.${f.ext}`, type: `${f.type}; charset=utf-8` },
  { path: `/components/*/history.${f.ext}`, type: `${f.type}; charset=utf-8` },
]),
};
