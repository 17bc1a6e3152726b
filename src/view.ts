import { FEED_FORMATS, feedLinks } from './feeds.ts';
import { affectedText } from './affected.ts';
import { iso, monthKey } from './format.ts';
import { around, dayIn, durationIn, fill, fillAll, loadLocale, monthIn, percentIn, stampIn, type Locale, type Messages } from './i18n.ts';
import { maintenanceView, type MaintenanceView, type ShownState } from './maintenance.ts';
import { markdownToText, renderMarkdown } from './markdown.ts';
import { searchIndexUrls } from './search-shards.ts';
import type { Component, ComponentState, Impact, Site } from './schema.ts';
import { incidentSourceKey, type ComponentStatus, type IncidentState, type Indicator, type StatusState } from './state.ts';
import type { UptimeDay } from './uptime.ts';
import { subscribeView, type SubscribeView } from './subscribe-view.ts';

/** View models: everything the templates print, already formatted in the site's language. Templates hold no logic. */

/** English labels, for the machine-facing outputs (feeds) that are not translated. */
export const STATE_LABELS: Record<ComponentState, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded Performance',
  partial_outage: 'Partial Outage',
  major_outage: 'Major Outage',
};

export const IMPACT_LABELS: Record<Impact, string> = {
  none: 'No impact',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};

export const HISTORY_PAGE_SIZE = 25;

export interface Stamp {
  text: string;
  iso: string;
}

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
}

export interface UpdateView {
  label: string;
  status: string;
  html: string;
  posted: Stamp;
}

export interface IncidentLink {
  id: string;
  url: string;
  title: string;
  impact: Impact;
  statusLabel: string;
  started: Stamp;
  /** "Resolved after 1 hour 28 minutes" or "Ongoing". */
  summary: string;
}

export interface IncidentPage extends IncidentLink {
  open: boolean;
  postmortem?: { html: string; posted: Stamp };
  /** Newest first, as on the page. */
  updates: UpdateView[];
  /** "www.commcarehq.org (Syncs with CommCare HQ, Form Submissions, Web Apps)". */
  affected: string;
  /** "This incident affected: www.commcarehq.org (…)." or empty when no component was named. */
  affectedText: string;
  description: string;
  /** Latest update or postmortem, for the sitemap and Open Graph. */
  updated: Stamp;
  /** With a build cache: what the page is made from besides the site's shared text (see render.ts). */
  sourceKey?: string;
}

export interface OpenIncident extends IncidentLink {
  latest: UpdateView;
  affected: string;
  /** "This incident affects: …." */
  affectsText: string;
}

export interface DayView {
  date: string;
  label: string;
  uptime: string;
  /** CSS level: nodata, ok, degraded, partial, major. */
  level: string;
  incidents: { title: string; url: string }[];
}

export interface ComponentRow {
  id: string;
  name: string;
  description: string;
  url: string;
  /** Incident state, or under_maintenance while a maintenance on it runs. */
  state: ShownState;
  stateLabel: string;
  uptime: string;
  /** Accessible name of the bars: "Uptime for Web Apps, last 90 days, oldest first". */
  barsLabel: string;
  /** "99.95% uptime" under the bars. */
  uptimeText: string;
  days: DayView[];
  /** Hidden from the home page while operational (`only_show_if_degraded`). */
  hidden: boolean;
}

export interface GroupView {
  id: string;
  name: string;
  state: ShownState;
  stateLabel: string;
  /** Whether the group starts unfolded. */
  open: boolean;
  components: ComponentRow[];
}

/**
 * One group in the compact home layout: a line on the home page, and a page of its own
 * (/groups/<id>/) with the component rows and bars the full layout shows on the home page.
 */
export interface GroupPage {
  id: string;
  name: string;
  url: string;
  /** The group's own description from the site file, shown on its page; may be empty. */
  description: string;
  /** For the page's meta description: the group's own, or "Current status and 90-day uptime of …". */
  summary: string;
  state: ShownState;
  stateLabel: string;
  /** "12 components": the rows its page lists. */
  countText: string;
  /** Rows shown on its page (hidden ones left out, as on the full home page). */
  components: ComponentRow[];
  /** The rows not operational (outage or maintenance), listed under the group's line on the home page. */
  attention: ComponentRow[];
}

/** A `<link rel="alternate">` to a feed. */
export interface FeedLink {
  type: string;
  href: string;
  title: string;
  /** "Atom", "RSS", "JSON Feed". */
  label: string;
}

export interface ComponentPage extends ComponentRow {
  groupName?: string;
  /** This component's incident history feeds. */
  feeds: FeedLink[];
  /** "Uptime, last 90 days: 99.95%". */
  uptimeHeading: string;
  incidents: IncidentLink[];
}

export interface HistoryPage {
  number: number;
  url: string;
  /** Page title: "Incident history" or "Incident history, page 2". */
  title: string;
  /** "Page 2 of 5". */
  position: string;
  months: { key: string; label: string; incidents: IncidentLink[] }[];
  previous?: string;
  next?: string;
  total: number;
}

export interface MaintenanceBlock extends MaintenanceView {
  affectsText: string;
  /** The text around the two stamps of the window, so each can be a <time>. */
  windowParts: { before: string; middle: string; after: string };
}

/** Interface strings with the site name filled in, plus the pieces around markup. */
export interface TextView extends Messages {
  parts: {
    posted: { before: string; after: string };
    zone: { before: string; after: string };
    generated: { before: string; after: string };
  };
}

export interface SiteView {
  meta: PageMeta;
  /** The site's incident history feeds, linked from every page. */
  feeds: FeedLink[];
  t: TextView;
  /** Strings and settings for the enhancement script, as one JSON attribute. */
  client: string;
  banner: { indicator: Indicator; description: string };
  open: OpenIncident[];
  maintenance: { active: MaintenanceBlock[]; upcoming: MaintenanceBlock[] };
  groups: GroupView[];
  /** Whether the home page shows one line per group instead of every component (see homeIsCompact). */
  compact: boolean;
  /** Group pages, in compact mode only (the full home page already shows every row). */
  groupPages: GroupPage[];
  incidents: IncidentPage[];
  components: ComponentPage[];
  history: HistoryPage[];
  /** The parts of the search index, newest first (site paths). */
  searchIndexes: string[];
  /** The Subscribe page: every way to follow the page. */
  subscribe: SubscribeView;
}

export const incidentUrl = (id: string) => `/incidents/${id}/`;
export const componentUrl = (id: string) => `/components/${id}/`;
export const historyUrl = (n: number) => (n === 1 ? '/history/' : `/history/${n}/`);
export const groupUrl = (id: string) => `/groups/${id}/`;

/**
 * Above this many components `home_layout: auto` switches the home page to one line per group.
 * Each component's 90 bars weigh about 7 KB of HTML, so 30 of them already make a home page of
 * over 200 KB, and a reader on a phone scrolls past 30 rows of bars before finding what is broken.
 */
export const COMPACT_HOME_ABOVE = 30;

export const homeIsCompact = (site: Pick<Site, 'home_layout' | 'components'>) =>
  site.home_layout === 'compact' || (site.home_layout === 'auto' && site.components.length > COMPACT_HOME_ABOVE);

const RANK: ShownState[] = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'];
const worse = (a: ShownState, b: ShownState) => (RANK.indexOf(b) > RANK.indexOf(a) ? b : a);

const LEVELS: Record<ComponentState, string> = {
  operational: 'ok',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'major',
};

// With a build cache, an incident's page model is made from its source key (see incidentSourceKey)
// and the locale alone, so the cache keeps it: a warm build formats only the incidents that changed.
const madeIncidentPages = new Map<string, IncidentPage>();
let keptIncidentPages = new Map<string, IncidentPage>();

/** For the build cache: the incident page models this build used, and the ones the last build left. */
export const incidentPageModels = {
  entries: () => madeIncidentPages.entries(),
  keep(entries: Map<string, IncidentPage>) {
    keptIncidentPages = entries;
  },
};

export function siteView(state: StatusState, locale: Locale = loadLocale(state.content.site.locale)): SiteView {
  const { site } = state.content;
  const m = locale.messages;
  const zone = site.time_zone;
  const at = (ms: number): Stamp => ({ text: stampIn(ms, zone, locale), iso: iso(ms) });
  const feeds = (componentId: string | undefined, what: string): FeedLink[] =>
    feedLinks(componentId).map((f, i) => {
      const label = FEED_FORMATS[i]?.label ?? f.type;
      return { type: f.type, href: f.href, title: `${what} (${label})`, label };
    });
  const groupsById = new Map(site.groups.map((g) => [g.id, g]));
  const titles = new Map(state.incidents.map((i) => [i.incident.id, i.incident.title]));

  const affectedList = (ids: string[]) => affectedText(site, ids);

  const updateView = (u: IncidentState['updates'][number], i: number, all: IncidentState['updates']): UpdateView => ({
    label: all[i - 1]?.status === u.status ? m.update.update : m.update[u.status],
    status: u.status,
    html: renderMarkdown(u.body),
    posted: at(u.at),
  });

  const link = (i: IncidentState): IncidentLink => ({
    id: i.incident.id,
    url: incidentUrl(i.incident.id),
    title: i.incident.title,
    impact: i.incident.impact,
    statusLabel: i.open ? (i.updates.length > 1 && i.updates.at(-2)?.status === i.status ? m.update.update : m.update[i.status]) : m.update.resolved,
    started: at(i.startedAt),
    summary: i.resolvedAt === undefined ? m.incident.ongoing : fill(m.incident.resolvedAfter, { duration: durationIn(i.startedAt, i.resolvedAt, locale) }),
  });

  // Each incident is rendered once; its page and summaries share the result.
  const pages = state.incidents.map((i): IncidentPage => {
    const source = incidentSourceKey(i);
    if (source === undefined) return incidentPage(i);
    const key = `${locale.file} ${locale.tag} ${source}`;
    const page = madeIncidentPages.get(key) ?? keptIncidentPages.get(key) ?? incidentPage(i);
    madeIncidentPages.set(key, page);
    return page;
  });
  function incidentPage(i: IncidentState): IncidentPage {
    const updates = i.updates.map(updateView).reverse();
    const affected = affectedList(i.componentIds);
    return {
      ...link(i),
      open: i.open,
      postmortem: i.postmortem && { html: renderMarkdown(i.postmortem.body), posted: at(i.postmortem.at) },
      updates,
      affected,
      affectedText: affected ? fill(m.incident.affected, { list: affected }) : '',
      description: markdownToText(i.updates.at(-1)?.body ?? '').slice(0, 200),
      updated: at(i.updatedAt),
      sourceKey: incidentSourceKey(i),
    };
  }
  const pageById = new Map(pages.map((p) => [p.id, p]));

  const dayView = (d: UptimeDay): DayView => ({
    date: d.date,
    label: dayIn(d.date, zone, locale),
    uptime: d.uptime === null ? m.bars.noData : fill(m.bars.uptime, { percent: percentIn(d.uptime, locale) }),
    level: d.uptime === null ? 'nodata' : LEVELS[d.worst],
    incidents: d.incidents.map((id) => ({ title: titles.get(id) ?? id, url: incidentUrl(id) })),
  });
  const row = (s: ComponentStatus): ComponentRow => {
    const uptime = percentIn(s.uptime.percent, locale);
    return {
      id: s.component.id,
      name: s.component.name,
      description: s.component.description,
      url: componentUrl(s.component.id),
      state: s.shown,
      stateLabel: m.state[s.shown],
      uptime,
      barsLabel: fill(m.bars.label, { component: s.component.name }),
      uptimeText: fill(m.bars.uptime, { percent: uptime }),
      days: s.uptime.days.map(dayView),
      hidden: s.component.only_show_if_degraded && s.shown === 'operational',
    };
  };
  const rows = new Map(state.components.map((s) => [s.component.id, row(s)]));
  const byOrder = (a: Component, b: Component) => a.order - b.order || a.name.localeCompare(b.name);

  const groupView = (id: string, name: string, collapsed: boolean, members: ComponentRow[]): GroupView => {
    const worst = members.reduce<ShownState>((s, c) => worse(s, c.state), 'operational');
    return { id, name, state: worst, stateLabel: m.state[worst], open: !collapsed || worst !== 'operational', components: members };
  };
  const groups: GroupView[] = [];
  const ungrouped = site.components.filter((c) => !c.group).sort(byOrder);
  if (ungrouped.length) groups.push(groupView('', '', false, ungrouped.map((c) => rows.get(c.id)!)));
  for (const g of [...site.groups].sort((a, b) => a.order - b.order)) {
    const members = site.components.filter((c) => c.group === g.id).sort(byOrder);
    groups.push(groupView(g.id, g.name, g.collapsed, members.map((c) => rows.get(c.id)!)));
  }

  const compact = homeIsCompact(site);
  const groupPages = compact ? compactGroups(site, rows, locale) : [];

  // Component history: every incident that touched the component, newest first (one pass).
  const byComponent = new Map<string, IncidentLink[]>();
  for (const p of state.incidents) {
    for (const id of p.componentIds) {
      const list = byComponent.get(id) ?? [];
      list.push(pageById.get(p.incident.id)!);
      byComponent.set(id, list);
    }
  }
  const components = site.components.map((c): ComponentPage => {
    const r = rows.get(c.id)!;
    return {
      ...r,
      groupName: c.group ? groupsById.get(c.group)?.name : undefined,
      uptimeHeading: fill(m.component.uptime, { percent: r.uptime }),
      feeds: feeds(c.id, `${c.name}: ${m.component.history}`),
      incidents: (byComponent.get(c.id) ?? []).map(linkOnly),
    };
  });

  const title = fill(m.site.title, { name: site.name });
  const zoneLabel = /^(Etc\/)?(UTC|GMT|Zulu)$/.test(zone) ? 'UTC' : zone;
  const t: TextView = {
    ...fillAll(m, { name: site.name }),
    parts: {
      posted: around(m.incident.posted, 'time'),
      zone: around(m.site.zone, 'zone'),
      generated: around(m.site.generated, 'time'),
    },
  };

  // Statuspage's banner wording follows the indicator; a minor one caused only by slowness reads "Partially Degraded".
  const worstIncidentState = state.components.reduce<ShownState>((s, c) => worse(s, c.state), 'operational');
  const bannerKey = state.indicator === 'minor' && worstIncidentState === 'degraded_performance' ? 'degraded' : state.indicator;

  // Locale files write {from} before {until} (checked by the i18n test).
  const { before: windowBefore, after: windowRest } = around(m.maintenance.window, 'from');
  const { before: windowMiddle, after: windowAfter } = around(windowRest, 'until');
  const windowParts = { before: windowBefore, middle: windowMiddle, after: windowAfter };
  const localMaintenance = (v: MaintenanceView): MaintenanceBlock => {
    const from = at(Date.parse(v.from.iso));
    const until = at(Date.parse(v.until.iso));
    const oldestFirst = [...v.updates].reverse();
    return {
      ...v,
      statusLabel: m.maintenance[v.status],
      from,
      until,
      window: fill(m.maintenance.window, { from: from.text, until: until.text }),
      affectsText: v.affected ? fill(m.maintenance.affects, { list: v.affected }) : '',
      windowParts,
      updates: oldestFirst
        .map((u, i): UpdateView => ({
          ...u,
          label: oldestFirst[i - 1]?.status === u.status ? m.update.update : (m.maintenance[u.status as keyof Messages['maintenance']] ?? u.label),
          posted: at(Date.parse(u.posted.iso)),
        }))
        .reverse(),
    };
  };
  const maintenance = maintenanceView(state);

  return {
    meta: {
      name: site.name,
      title,
      url: site.url,
      description: site.description,
      supportUrl: site.support_url,
      timeZone: zoneLabel,
      zoneId: zone,
      locale: locale.tag,
      dir: locale.dir,
      generated: at(state.now),
    },
    feeds: feeds(undefined, m.home.history),
    t,
    client: JSON.stringify({
      locale: locale.tag,
      zone,
      zoneLabel,
      t: {
        state: m.state,
        indicator: m.indicator,
        update: m.update,
        active: m.home.active,
        affects: m.home.affects,
        posted: m.incident.posted,
        live: m.live,
        search: m.search,
      },
    }),
    banner: { indicator: state.indicator, description: m.indicator[bannerKey] },
    open: state.open.map((i) => {
      const page = pageById.get(i.incident.id)!;
      return { ...linkOnly(page), latest: page.updates[0]!, affected: page.affected, affectsText: fill(m.home.affects, { list: page.affected }) };
    }),
    maintenance: { active: maintenance.active.map(localMaintenance), upcoming: maintenance.upcoming.map(localMaintenance) },
    groups,
    compact,
    groupPages,
    incidents: pages,
    components,
    history: historyPages(pages.map(linkOnly), state, locale),
    searchIndexes: searchIndexUrls(pages),
    subscribe: subscribeView(site),
  };
}

/**
 * The compact layout's groups, in group order. Ungrouped components share one pseudo-group after
 * the real ones ("Other components", or "All components" on a site without groups), so the home
 * page stays one line per group however the site is organised.
 */
function compactGroups(site: Site, rows: Map<string, ComponentRow>, locale: Locale): GroupPage[] {
  const m = locale.messages.group;
  const plural = new Intl.PluralRules(locale.tag);
  const number = new Intl.NumberFormat(locale.tag);
  const byOrder = (a: Component, b: Component) => a.order - b.order || a.name.localeCompare(b.name);
  const page = (id: string, name: string, description: string, members: Component[]): GroupPage => {
    const shown = members.sort(byOrder).map((c) => rows.get(c.id)!).filter((r) => !r.hidden);
    const worst = shown.reduce<ShownState>((s, c) => worse(s, c.state), 'operational');
    const count = plural.select(shown.length) === 'one' ? m.countOne : m.countOther;
    return {
      id,
      name,
      url: groupUrl(id),
      description,
      summary: description || fill(m.description, { group: name }),
      state: worst,
      stateLabel: locale.messages.state[worst],
      countText: fill(count, { count: number.format(shown.length) }),
      components: shown,
      attention: shown.filter((r) => r.state !== 'operational'),
    };
  };
  const pages = [...site.groups]
    .sort((a, b) => a.order - b.order)
    .map((g) => page(g.id, g.name, g.description, site.components.filter((c) => c.group === g.id)));
  const ungrouped = site.components.filter((c) => !c.group);
  if (ungrouped.length) {
    // A plain id no group uses ("_other" could never collide, but some static hosts skip "_" folders).
    const taken = new Set(site.groups.map((g) => g.id));
    let id = 'other';
    for (let n = 2; taken.has(id); n++) id = `other-${n}`;
    pages.push(page(id, site.groups.length ? m.other : m.all, '', ungrouped));
  }
  // A group with nothing to show (empty, or only components hidden while operational) gets no line or page,
  // as such components get no row on the full home page; it comes back when one of them is not operational.
  return pages.filter((p) => p.components.length > 0);
}

const linkOnly = ({ id, url, title, impact, statusLabel, started, summary }: IncidentLink): IncidentLink => ({
  id, url, title, impact, statusLabel, started, summary,
});

/** The archive: every incident, newest first, grouped by month, HISTORY_PAGE_SIZE a page. */
function historyPages(links: IncidentLink[], state: StatusState, locale: Locale): HistoryPage[] {
  const zone = state.content.site.time_zone;
  const m = locale.messages.history;
  const startedAt = new Map(state.incidents.map((i) => [i.incident.id, i.startedAt]));
  const total = Math.max(1, Math.ceil(links.length / HISTORY_PAGE_SIZE));
  return Array.from({ length: total }, (_, n): HistoryPage => {
    const months: HistoryPage['months'] = [];
    for (const l of links.slice(n * HISTORY_PAGE_SIZE, (n + 1) * HISTORY_PAGE_SIZE)) {
      const ms = startedAt.get(l.id)!;
      const key = monthKey(ms, { zone, locale: 'en' });
      if (months.at(-1)?.key !== key) months.push({ key, label: monthIn(ms, zone, locale), incidents: [] });
      months.at(-1)!.incidents.push(l);
    }
    return {
      number: n + 1,
      url: historyUrl(n + 1),
      title: n === 0 ? m.title : fill(m.page, { number: n + 1 }),
      position: fill(m.pageOf, { number: n + 1, total }),
      months,
      previous: n > 0 ? historyUrl(n) : undefined,
      next: n + 1 < total ? historyUrl(n + 2) : undefined,
      total,
    };
  });
}
