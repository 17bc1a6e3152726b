import { automationOf, type Component, type ComponentState, type Content, type Impact, type Incident, type Update, type UpdateStatus } from '../content/index.ts';
import { automaticState, type AutomaticState } from './automation.ts';
import { STATUS_LABELS, updateLabel } from './labels.ts';
import { bySchedule, maintenanceAt, type MaintenanceState } from './maintenance.ts';
import { INDICATOR_OF_STATE, shownIndicator, shownState, worseImpact, worstOf, type Indicator, type ShownState } from './severity.ts';
import { componentMetrics, type MetricWindow } from './metrics.ts';
import { componentUptime, type Outage, type UptimeDay } from './uptime.ts';

/** Everything the content means at one instant: the single source for pages, feeds and API. */
export interface StatusState {
  now: number;
  content: Content;
  /** Incidents with at least one update at or before `now`, newest start first. */
  incidents: IncidentState[];
  /** Unresolved incidents, newest start first. */
  open: IncidentState[];
  components: ComponentStatus[];
  /** Scheduled maintenance announced by `now` (any status), soonest window first. */
  maintenances: MaintenanceState[];
  indicator: Indicator;
  description: string;
}

export interface VisibleUpdate extends Update {
  /** "Investigating", …, or "Update" when the status repeats the one before, as Statuspage shows it. */
  label: string;
  /** Every affected component's state just before and after this update (unchanged ones too, as Statuspage lists them). */
  changes: { id: string; from: ComponentState; to: ComponentState }[];
}

export interface IncidentState {
  incident: Incident;
  /** Updates shown at `now`, oldest first. */
  updates: VisibleUpdate[];
  status: UpdateStatus;
  open: boolean;
  startedAt: number;
  updatedAt: number;
  monitoringAt?: number;
  resolvedAt?: number;
  /** The postmortem once it is posted. */
  postmortem?: { at: number; body: string };
  /** Affected component ids, in site order. */
  componentIds: string[];
  /** Current state of each affected component. */
  componentStates: Record<string, ComponentState>;
  /** Intervals during which components were in an outage state, for uptime. */
  outages: Outage[];
}


export interface ComponentStatus {
  component: Component;
  /** The worst state its open incidents set; or, with none and no maintenance running on it, the state automation sets. */
  state: ComponentState;
  /** Set when automation decides `state` (src/state/automation.ts): never while a person's incident or maintenance is open on it. */
  automatic?: AutomaticState;
  /** Open incidents affecting it now. */
  incidents: IncidentState[];
  /** `state`, or under_maintenance while a maintenance on it runs and no incident is open on it. */
  shown: ShownState;
  /** Maintenance running on it now. */
  maintenances: MaintenanceState[];
  uptime: { days: UptimeDay[]; percent: number | null };
  /** Response times over the last 24 hours, 7 and 30 days, when the component has a probe series. */
  metrics?: MetricWindow[];
}

/** Derives the state of one incident at `now`; undefined when nothing of it is visible yet. */
export function incidentAt(incident: Incident, now: number, order: Map<string, number>): IncidentState | undefined {
  const shown = incident.updates.filter((u) => u.at <= now);
  const first = shown[0];
  const last = shown.at(-1);
  if (!first || !last) return undefined;

  const states: Record<string, ComponentState> = { ...incident.components };
  const since: Record<string, number> = Object.fromEntries(Object.keys(states).map((id) => [id, first.at]));
  const outages: Outage[] = [];
  const close = (id: string, at: number) => {
    const state = states[id];
    if (state && state !== 'operational' && at > since[id]!) {
      outages.push({ component: id, state, from: since[id]!, to: at, incident: incident.id });
    }
  };
  const updates = shown.map((u, i): VisibleUpdate => {
    const before = { ...states };
    const next: Record<string, ComponentState> =
      u.status === 'resolved' ? Object.fromEntries(Object.keys(states).map((id) => [id, 'operational' as const])) : {};
    Object.assign(next, u.components);
    for (const [id, state] of Object.entries(next)) {
      if (states[id] === state) continue;
      close(id, u.at);
      states[id] = state;
      since[id] = u.at;
    }
    const previous = shown[i - 1];
    return {
      ...u,
      label: updateLabel(u.status, previous?.status, STATUS_LABELS, 'Update'),
      changes: Object.keys(states).map((id) => ({ id, from: i === 0 ? 'operational' : (before[id] ?? 'operational'), to: states[id]! })),
    };
  });
  const open = last.status !== 'resolved';
  for (const id of Object.keys(states)) close(id, open ? now : last.at);

  const componentIds = Object.keys(states).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const postmortem = incident.postmortem && incident.postmortem.at <= now ? incident.postmortem : undefined;
  return {
    incident,
    updates,
    status: last.status,
    open,
    startedAt: first.at,
    updatedAt: Math.max(last.at, postmortem?.at ?? 0),
    monitoringAt: shown.find((u) => u.status === 'monitoring')?.at,
    resolvedAt: open ? undefined : last.at,
    postmortem,
    componentIds,
    componentStates: states,
    outages,
  };
}

/** The whole page at `now`. Linear in the number of updates (plus sorting). */
export function stateAt(content: Content, now: number): StatusState {
  const { site } = content;
  const order = siteOrder(content);
  const incidents = content.incidents
    .map((i) => incidentAt(i, now, order))
    .filter((i): i is IncidentState => i !== undefined)
    .sort((a, b) => b.startedAt - a.startedAt || a.incident.id.localeCompare(b.incident.id));
  const open = incidents.filter((i) => i.open);
  const maintenances = (content.maintenances ?? [])
    .map((m) => maintenanceAt(m, now, order))
    .filter((m): m is MaintenanceState => m !== undefined)
    .sort(bySchedule);
  const running = maintenances.filter((m) => m.active);
  const automation = automationOf(site);

  const outagesByComponent = new Map<string, Outage[]>();
  for (const i of incidents) {
    for (const o of i.outages) {
      const list = outagesByComponent.get(o.component) ?? [];
      list.push(o);
      outagesByComponent.set(o.component, list);
    }
  }
  const components = site.components.map((component): ComponentStatus => {
    const affecting = open.filter((i) => component.id in i.componentStates);
    const manual = worstOf<ComponentState>(affecting.map((i) => i.componentStates[component.id]!), 'operational');
    const maintained = running.filter((m) => m.componentIds.includes(component.id));
    const series = content.probes?.get(component.id);
    // Statuspage ignores automation while a person's incident or maintenance is open on the component.
    const person = affecting.length > 0 || maintained.length > 0;
    const automatic = person ? undefined : automaticState(automation, series, content.firing, component.id, now);
    // With no incident open on it, `manual` is operational: the automatic state is the state.
    const state = automatic?.state ?? manual;
    return {
      component,
      state,
      ...(automatic ? { automatic } : {}),
      incidents: affecting,
      shown: shownState(state, maintained.length > 0),
      maintenances: maintained,
      uptime: componentUptime(component, outagesByComponent.get(component.id) ?? [], now, site.time_zone),
      ...(series ? { metrics: componentMetrics(series, now) } : {}),
    };
  });
  const blended = overallStatus(open, components);
  const indicator = shownIndicator(blended.indicator, running.length > 0);
  const description = indicator === 'maintenance' ? 'Service Under Maintenance' : blended.description;
  return { now, content, incidents, open, components, maintenances, indicator, description };
}

/** Position of each component on the page: by group order, then component order. */
export function siteOrder(content: Content): Map<string, number> {
  const { groups, components } = content.site;
  const groupRank = new Map(groups.map((g) => [g.id, g.order]));
  const sorted = [...components].sort(
    (a, b) =>
      (a.group ? (groupRank.get(a.group) ?? 0) : -1) - (b.group ? (groupRank.get(b.group) ?? 0) : -1) || a.order - b.order,
  );
  return new Map(sorted.map((c, i) => [c.id, i]));
}

/**
 * Statuspage's blended indicator: the worse of the open incidents' impact and what the
 * component states imply (degraded → minor, partial outage → major, major outage → critical).
 */
export function overallStatus(open: IncidentState[], components: ComponentStatus[]): { indicator: Impact; description: string } {
  const worstComponent = worstOf<ComponentState>(components.map((c) => c.state), 'operational');
  const fromIncidents = open.reduce<Impact>((s, i) => worseImpact(s, i.incident.impact), 'none');
  const indicator = worseImpact(INDICATOR_OF_STATE[worstComponent], fromIncidents);
  const description: Record<Impact, string> = {
    none: 'All Systems Operational',
    minor: worstComponent === 'degraded_performance' ? 'Partially Degraded Service' : 'Minor Service Outage',
    major: 'Partial System Outage',
    critical: 'Major System Outage',
  };
  return { indicator, description: description[indicator] };
}

/**
 * What an incident's page and API file are made from, as a short key: its source file (which the
 * site file is part of) and how much of it is visible at this moment. Undefined without a build cache.
 */
export const incidentSourceKey = (i: IncidentState): string | undefined =>
  i.incident.source && `${i.incident.source}/${i.updates.length}/${i.postmortem ? 1 : 0}`;
