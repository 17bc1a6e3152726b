import { dayLabel, duration, iso, monthKey, monthLabel, percent, stamp, type Clock } from './format.ts';
import { markdownToText, renderMarkdown } from './markdown.ts';
import type { Component, ComponentState, Impact } from './schema.ts';
import type { ComponentStatus, IncidentState, Indicator, StatusState } from './state.ts';
import type { UptimeDay } from './uptime.ts';

/** View models: everything the templates print, already formatted. Templates hold no logic. */

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
  url: string;
  description: string;
  supportUrl?: string;
  timeZone: string;
  locale: string;
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
  description: string;
}

export interface OpenIncident extends IncidentLink {
  latest: UpdateView;
  affected: string;
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
  state: ComponentState;
  stateLabel: string;
  uptime: string;
  days: DayView[];
  /** Hidden from the home page while operational (`only_show_if_degraded`). */
  hidden: boolean;
}

export interface GroupView {
  id: string;
  name: string;
  state: ComponentState;
  stateLabel: string;
  /** Whether the group starts unfolded. */
  open: boolean;
  components: ComponentRow[];
}

export interface ComponentPage extends ComponentRow {
  groupName?: string;
  incidents: IncidentLink[];
}

export interface HistoryPage {
  number: number;
  url: string;
  months: { key: string; label: string; incidents: IncidentLink[] }[];
  previous?: string;
  next?: string;
  total: number;
}

export interface SiteView {
  meta: PageMeta;
  banner: { indicator: Indicator; description: string };
  open: OpenIncident[];
  groups: GroupView[];
  incidents: IncidentPage[];
  components: ComponentPage[];
  history: HistoryPage[];
}

export const incidentUrl = (id: string) => `/incidents/${id}/`;
export const componentUrl = (id: string) => `/components/${id}/`;
export const historyUrl = (n: number) => (n === 1 ? '/history/' : `/history/${n}/`);

export function siteView(state: StatusState): SiteView {
  const { site } = state.content;
  const clock: Clock = { zone: site.time_zone, locale: site.locale };
  const at = (ms: number): Stamp => ({ text: stamp(ms, clock), iso: iso(ms) });
  const componentsById = new Map(site.components.map((c) => [c.id, c]));
  const groupsById = new Map(site.groups.map((g) => [g.id, g]));
  const titles = new Map(state.incidents.map((i) => [i.incident.id, i.incident.title]));

  const affectedText = (ids: string[]) => {
    const parts: string[] = [];
    const byGroup = new Map<string, string[]>();
    for (const id of ids) {
      const c = componentsById.get(id);
      if (!c) continue;
      if (!c.group) parts.push(c.name);
      else byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c.name]);
    }
    for (const [g, names] of byGroup) parts.push(`${groupsById.get(g)?.name ?? g} (${names.join(', ')})`);
    return parts.join(', ');
  };

  const updateView = (u: IncidentState['updates'][number]): UpdateView => ({
    label: u.label,
    status: u.status,
    html: renderMarkdown(u.body),
    posted: at(u.at),
  });

  const link = (i: IncidentState): IncidentLink => ({
    id: i.incident.id,
    url: incidentUrl(i.incident.id),
    title: i.incident.title,
    impact: i.incident.impact,
    statusLabel: i.open ? (i.updates.at(-1)?.label ?? '') : 'Resolved',
    started: at(i.startedAt),
    summary: i.resolvedAt === undefined ? 'Ongoing' : `Resolved after ${duration(i.startedAt, i.resolvedAt)}`,
  });

  // Each incident is rendered once; its page and summaries share the result.
  const pages = state.incidents.map((i): IncidentPage => {
    const updates = i.updates.map(updateView).reverse();
    return {
      ...link(i),
      open: i.open,
      postmortem: i.postmortem && { html: renderMarkdown(i.postmortem.body), posted: at(i.postmortem.at) },
      updates,
      affected: affectedText(i.componentIds),
      description: markdownToText(i.updates.at(-1)?.body ?? '').slice(0, 200),
    };
  });
  const pageById = new Map(pages.map((p) => [p.id, p]));

  const dayView = (d: UptimeDay): DayView => ({
    date: d.date,
    label: dayLabel(d.date, clock),
    uptime: d.uptime === null ? 'No data' : `${percent(d.uptime)} uptime`,
    level: d.uptime === null ? 'nodata' : LEVELS[d.worst],
    incidents: d.incidents.map((id) => ({ title: titles.get(id) ?? id, url: incidentUrl(id) })),
  });
  const row = (s: ComponentStatus): ComponentRow => ({
    id: s.component.id,
    name: s.component.name,
    description: s.component.description,
    url: componentUrl(s.component.id),
    state: s.state,
    stateLabel: STATE_LABELS[s.state],
    uptime: percent(s.uptime.percent),
    days: s.uptime.days.map(dayView),
    hidden: s.component.only_show_if_degraded && s.state === 'operational',
  });
  const rows = new Map(state.components.map((s) => [s.component.id, row(s)]));
  const byOrder = (a: Component, b: Component) => a.order - b.order || a.name.localeCompare(b.name);

  const groups: GroupView[] = [];
  const ungrouped = site.components.filter((c) => !c.group).sort(byOrder);
  if (ungrouped.length) groups.push(groupView('', '', false, ungrouped.map((c) => rows.get(c.id)!)));
  for (const g of [...site.groups].sort((a, b) => a.order - b.order)) {
    const members = site.components.filter((c) => c.group === g.id).sort(byOrder);
    groups.push(groupView(g.id, g.name, g.collapsed, members.map((c) => rows.get(c.id)!)));
  }

  // Component history: every incident that touched the component, newest first (one pass).
  const byComponent = new Map<string, IncidentLink[]>();
  for (const p of state.incidents) {
    for (const id of p.componentIds) {
      const list = byComponent.get(id) ?? [];
      list.push(pageById.get(p.incident.id)!);
      byComponent.set(id, list);
    }
  }
  const components = site.components.map((c): ComponentPage => ({
    ...rows.get(c.id)!,
    groupName: c.group ? groupsById.get(c.group)?.name : undefined,
    incidents: (byComponent.get(c.id) ?? []).map(linkOnly),
  }));

  return {
    meta: {
      name: site.name,
      url: site.url,
      description: site.description,
      supportUrl: site.support_url,
      timeZone: /^(Etc\/)?(UTC|GMT|Zulu)$/.test(site.time_zone) ? 'UTC' : site.time_zone,
      locale: site.locale,
      generated: at(state.now),
    },
    banner: { indicator: state.indicator, description: state.description },
    open: state.open.map((i) => {
      const page = pageById.get(i.incident.id)!;
      return { ...linkOnly(page), latest: page.updates[0]!, affected: page.affected };
    }),
    groups,
    incidents: pages,
    components,
    history: historyPages(pages.map(linkOnly), state, clock),
  };
}

const LEVELS: Record<ComponentState, string> = {
  operational: 'ok',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'major',
};

const linkOnly = ({ id, url, title, impact, statusLabel, started, summary }: IncidentLink): IncidentLink => ({
  id, url, title, impact, statusLabel, started, summary,
});

function groupView(id: string, name: string, collapsed: boolean, components: ComponentRow[]): GroupView {
  const state = components.reduce<ComponentState>(
    (s, c) => (RANK.indexOf(c.state) > RANK.indexOf(s) ? c.state : s),
    'operational',
  );
  return { id, name, state, stateLabel: STATE_LABELS[state], open: !collapsed || state !== 'operational', components };
}

const RANK: ComponentState[] = ['operational', 'degraded_performance', 'partial_outage', 'major_outage'];

/** The archive: every incident, newest first, grouped by month, HISTORY_PAGE_SIZE a page. */
function historyPages(links: IncidentLink[], state: StatusState, clock: Clock): HistoryPage[] {
  const startedAt = new Map(state.incidents.map((i) => [i.incident.id, i.startedAt]));
  const total = Math.max(1, Math.ceil(links.length / HISTORY_PAGE_SIZE));
  return Array.from({ length: total }, (_, n): HistoryPage => {
    const months: HistoryPage['months'] = [];
    for (const l of links.slice(n * HISTORY_PAGE_SIZE, (n + 1) * HISTORY_PAGE_SIZE)) {
      const ms = startedAt.get(l.id)!;
      const key = monthKey(ms, clock);
      if (months.at(-1)?.key !== key) months.push({ key, label: monthLabel(ms, clock), incidents: [] });
      months.at(-1)!.incidents.push(l);
    }
    return {
      number: n + 1,
      url: historyUrl(n + 1),
      months,
      previous: n > 0 ? historyUrl(n) : undefined,
      next: n + 1 < total ? historyUrl(n + 2) : undefined,
      total,
    };
  });
}
