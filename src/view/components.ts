import type { ComponentState, Group } from '../content/index.ts';
import type { AutomaticState, ComponentStatus, IncidentState, MetricWindow, ShownState, UptimeDay } from '../state/index.ts';
import type { ViewContext } from './context.ts';
import { dayIn, fill, percentIn, stampIn } from './i18n.ts';
import { linkOnly, type IncidentLink } from './incident.ts';
import type { MaintenanceLink } from './maintenance.ts';
import { feedLinkViews, type FeedLink } from './meta.ts';
import { metricsView, type MetricsView } from './metrics.ts';
import { componentUrl, incidentUrl } from './urls.ts';

/** Component rows with their 90-day bars (home and group pages), and each component's own page. */

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
  /** Why automation set the state, in words, when it did: "Set automatically: 3 checks in a row failed, …". */
  automatic?: string;
  uptime: string;
  /** Accessible name of the bars: "Uptime for Web Apps, last 90 days, oldest first". */
  barsLabel: string;
  /** "99.95% uptime" under the bars. */
  uptimeText: string;
  days: DayView[];
  /** Hidden from the home page while operational (`only_show_if_degraded`). */
  hidden: boolean;
}

export interface ComponentPage extends ComponentRow {
  groupName?: string;
  /** This component's incident history feeds. */
  feeds: FeedLink[];
  /** "Uptime, last 90 days: 99.95%". */
  uptimeHeading: string;
  incidents: IncidentLink[];
  /** Maintenance on this component, latest window first. */
  maintenances: MaintenanceLink[];
  /** Response-time charts, when the component has a probe series. */
  metrics?: MetricsView;
}

const LEVELS: Record<ComponentState, string> = {
  operational: 'ok',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'major',
};

function dayView(ctx: ViewContext, d: UptimeDay, titles: ReadonlyMap<string, string>): DayView {
  const { m } = ctx;
  return {
    date: d.date,
    label: dayIn(d.date, ctx.zone, ctx.locale),
    uptime: d.uptime === null ? m.bars.noData : fill(m.bars.uptime, { percent: percentIn(d.uptime, ctx.locale) }),
    level: d.uptime === null ? 'nodata' : LEVELS[d.worst],
    incidents: d.incidents.map((id) => ({ title: titles.get(id) ?? id, url: incidentUrl(id) })),
  };
}

/** Why automation set a component's state: how many checks failed, or which alert fires, and since when. */
function automaticText(ctx: ViewContext, a: AutomaticState): string {
  const time = stampIn(a.since, ctx.zone, ctx.locale);
  return a.reason === 'alert'
    ? fill(ctx.m.component.automaticAlert, { time, summary: a.summary ?? '' })
    : fill(ctx.m.component.automaticProbes, { time, count: String(a.failures ?? 0) });
}

/** Each component's row, by component id; `titles` names the incidents the bars link to. */
export function componentRows(ctx: ViewContext, components: ComponentStatus[], titles: ReadonlyMap<string, string>): Map<string, ComponentRow> {
  const { m } = ctx;
  const row = (s: ComponentStatus): ComponentRow => {
    const uptime = percentIn(s.uptime.percent, ctx.locale);
    return {
      id: s.component.id,
      name: s.component.name,
      description: s.component.description,
      url: componentUrl(s.component.id),
      state: s.shown,
      stateLabel: m.state[s.shown],
      ...(s.automatic ? { automatic: automaticText(ctx, s.automatic) } : {}),
      uptime,
      barsLabel: fill(m.bars.label, { component: s.component.name }),
      uptimeText: fill(m.bars.uptime, { percent: uptime }),
      days: s.uptime.days.map((d) => dayView(ctx, d, titles)),
      hidden: s.component.only_show_if_degraded && s.shown === 'operational',
    };
  };
  return new Map(components.map((s) => [s.component.id, row(s)]));
}

/** One page per component: its row, its feeds and every incident that touched it, newest first. */
export function componentPages(
  ctx: ViewContext,
  rows: ReadonlyMap<string, ComponentRow>,
  incidents: IncidentState[],
  links: ReadonlyMap<string, IncidentLink>,
  maintenances: { link: MaintenanceLink; componentIds: readonly string[] }[],
  metrics: ReadonlyMap<string, readonly MetricWindow[] | undefined> = new Map(),
): ComponentPage[] {
  const { site, m } = ctx;
  const groupsById = new Map<string, Group>(site.groups.map((g) => [g.id, g]));
  // One pass over the incidents, not one per component.
  const byComponent = new Map<string, IncidentLink[]>();
  for (const p of incidents) {
    for (const id of p.componentIds) {
      const list = byComponent.get(id) ?? [];
      list.push(links.get(p.incident.id)!);
      byComponent.set(id, list);
    }
  }
  return site.components.map((c): ComponentPage => {
    const r = rows.get(c.id)!;
    return {
      ...r,
      groupName: c.group ? groupsById.get(c.group)?.name : undefined,
      uptimeHeading: fill(m.component.uptime, { percent: r.uptime }),
      feeds: feedLinkViews(c.id, `${c.name}: ${m.component.history}`),
      incidents: (byComponent.get(c.id) ?? []).map(linkOnly),
      maintenances: maintenances.filter((mt) => mt.componentIds.includes(c.id)).map((mt) => mt.link),
      metrics: metricsView(ctx, c.id, c.name, metrics.get(c.id)),
    };
  });
}
