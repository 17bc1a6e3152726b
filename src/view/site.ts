import type { Memo } from '../shared/memo.ts';
import { clockSteps, type Indicator, type StatusState } from '../state/index.ts';
import { homeClock } from './clock.ts';
import { componentPages, componentRows, type ComponentPage } from './components.ts';
import { viewContext } from './context.ts';
import { compactGroups, homeGroups, homeIsCompact, type GroupPage, type GroupView } from './groups.ts';
import { historyPages, type HistoryPage } from './history.ts';
import { siteLocale, type Locale } from './i18n.ts';
import { incidentPages, linkOnly, openIncident, type IncidentPage, type OpenIncident } from './incident.ts';
import { maintenanceBlocks, maintenanceLink, maintenancePage, type MaintenanceBlock, type MaintenancePage } from './maintenance.ts';
import { clientSettings } from './client.ts';
import { banner, feedLinkViews, pageMeta, textView, type BrandLinks, type FeedLink, type PageMeta, type TextView } from './meta.ts';
import { searchIndexUrls } from './search-shards.ts';
import { subscribeView, type SubscribeView } from './subscribe.ts';
import type { Markdown } from '../shared/markdown.ts';

/** View models: everything the templates print, already formatted in the site's language. Templates hold no logic. */
export interface SiteView {
  meta: PageMeta;
  /** The site's incident history feeds, linked from every page. */
  feeds: FeedLink[];
  t: TextView;
  /** Strings and settings for the enhancement script, as one JSON attribute. */
  client: string;
  banner: { indicator: Indicator; description: string };
  /** What the clock changes on the home page (and group pages) after the build, as JSON for the script (see clock.ts). */
  clock: string;
  open: OpenIncident[];
  maintenance: { active: MaintenanceBlock[]; upcoming: MaintenanceBlock[] };
  groups: GroupView[];
  /** Whether the home page shows one line per group instead of every component (see homeIsCompact). */
  compact: boolean;
  /** Group pages, in compact mode only (the full home page already shows every row). */
  groupPages: GroupPage[];
  incidents: IncidentPage[];
  /** Every announced maintenance's own page, soonest window first. */
  maintenancePages: MaintenancePage[];
  components: ComponentPage[];
  history: HistoryPage[];
  /** The parts of the search index, newest first (site paths). */
  searchIndexes: string[];
  /** The Subscribe page: every way to follow the page. */
  subscribe: SubscribeView;
}

export interface ViewOptions {
  /** The site's language, with its `strings:`, by default. */
  locale?: Locale;
  /** Where the site's logo and favicon are written (see src/outputs/brand.ts); none by default. */
  brand?: BrandLinks;
  /** Rendered Markdown, shared with the feeds and kept by a build cache. */
  markdown?: Markdown;
  /** Incident page models kept by a build cache (see incidentPages). */
  pages?: Memo<IncidentPage>;
}

/**
 * The pages the search index holds, in one place: the index's parts are built from them and the
 * history page's script is told where those parts are, so both must name the same pages.
 */
export const searchablePages = (view: Pick<SiteView, 'incidents' | 'maintenancePages'>) => [...view.incidents, ...view.maintenancePages];

export function siteView(state: StatusState, options: ViewOptions = {}): SiteView {
  const { site } = state.content;
  const ctx = viewContext(site, options.locale ?? siteLocale(site), options.markdown);
  const pages = incidentPages(ctx, state.incidents, options.pages);
  const pageById = new Map(pages.map((p) => [p.id, p]));
  const rows = componentRows(ctx, state.components, new Map(state.incidents.map((i) => [i.incident.id, i.incident.title])));
  const compact = homeIsCompact(site);
  const steps = clockSteps(state);
  const maintenancePages = state.maintenances.map((s) => maintenancePage(ctx, s, steps));
  // Latest window first, as the incidents are listed.
  const maintenanceLinks = state.maintenances
    .map((s, i) => ({ link: maintenanceLink(ctx, maintenancePages[i]!), componentIds: s.componentIds, at: s.maintenance.scheduledFor, started: !s.upcoming }))
    .reverse();
  // The history holds what has happened: maintenance once its window has begun.
  const history = [
    ...pages.map((p, i) => ({ link: linkOnly(p), at: state.incidents[i]!.startedAt })),
    ...maintenanceLinks.filter((mt) => mt.started),
  ].sort((a, b) => b.at - a.at);
  return {
    meta: pageMeta(ctx, state.now, options.brand),
    feeds: feedLinkViews(undefined, ctx.m.home.history),
    t: textView(ctx),
    client: clientSettings(ctx),
    banner: banner(ctx, state),
    clock: homeClock(ctx, state, steps),
    open: state.open.map((i) => openIncident(ctx, pageById.get(i.incident.id)!)),
    maintenance: maintenanceBlocks(ctx, state.maintenances),
    groups: homeGroups(ctx, rows),
    compact,
    groupPages: compact ? compactGroups(ctx, rows) : [],
    incidents: pages,
    maintenancePages,
    components: componentPages(ctx, rows, state.incidents, pageById, maintenanceLinks, new Map(state.components.map((s) => [s.component.id, s.metrics]))),
    history: historyPages(ctx, history),
    searchIndexes: searchIndexUrls(searchablePages({ incidents: pages, maintenancePages })),
    subscribe: subscribeView(site),
  };
}
