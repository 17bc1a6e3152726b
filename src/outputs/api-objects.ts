import type { Component, Impact, UpdateStatus } from '../content/index.ts';
import { iso } from '../shared/format.ts';
import { absoluteUrl, pageId, stableId } from '../shared/ids.ts';
import { startOfDay } from '../shared/time.ts';
import { type IncidentState, type Indicator, type MaintenanceState, type ShownState, type StatusState, worse } from '../state/index.ts';
import { incidentUrl, maintenanceUrl } from '../view/index.ts';
import { apiGroupId, type ApiIncidentStatus } from './api-rules.ts';

/**
 * Statuspage's API objects (page, component, incident, update, maintenance), field for field and
 * in Statuspage's key order: the API files and the webhook payloads are made of them.
 */

export interface ApiPage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

export interface ApiComponent {
  id: string;
  name: string;
  status: ShownState;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** Groups only: their members' ids. */
  components?: string[];
}

export interface ApiAffectedComponent {
  code: string;
  name: string;
  old_status: ShownState;
  new_status: ShownState;
}

export interface ApiUpdate {
  id: string;
  status: UpdateStatus | MaintenanceState['status'];
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: ApiAffectedComponent[];
  deliver_notifications: boolean;
  custom_tweet: null;
  tweet_id: null;
}

export interface ApiIncident {
  id: string;
  name: string;
  status: ApiIncidentStatus;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: Impact;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: ApiUpdate[];
  components: ApiComponent[];
  reminder_intervals: null;
}

export interface ApiMaintenance {
  id: string;
  name: string;
  status: MaintenanceState['status'];
  created_at: string;
  updated_at: string;
  monitoring_at: null;
  resolved_at: string | null;
  impact: 'maintenance';
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: ApiUpdate[];
  components: ApiComponent[];
  scheduled_for: string;
  scheduled_until: string;
}

export interface ApiStatus {
  indicator: Indicator;
  description: string;
}

/** api/v2/summary.json: what the home page's live refresh and the status embed read. */
export interface ApiSummary {
  page: ApiPage;
  components: ApiComponent[];
  /** Unresolved incidents, newest first. */
  incidents: ApiIncident[];
  /** Running maintenance, then upcoming, soonest window first. */
  scheduled_maintenances: ApiMaintenance[];
  status: ApiStatus;
}



/** The API objects of one state: components made once, incidents and maintenance one at a time. */
export interface ApiObjects {
  pageId: string;
  components: ApiComponent[];
  incident(i: IncidentState): ApiIncident;
  maintenance(m: MaintenanceState): ApiMaintenance;
}

export function apiObjects(state: StatusState): ApiObjects {
  const { site } = state.content;
  const page_id = pageId(site.url);
  const components = apiComponents(state, page_id);
  const byId = new Map(components.filter((c) => !c.group).map((c) => [c.id, c]));
  const groupOf = new Map(site.components.map((c) => [c.id, c.group ? site.groups.find((g) => g.id === c.group)?.name : undefined]));
  // Statuspage names a grouped component "Group - Component" in affected_components.
  const affectedName = (id: string) => {
    const name = byId.get(id)?.name ?? id;
    const group = groupOf.get(id);
    return group ? `${group} - ${name}` : name;
  };
  return {
    pageId: page_id,
    components,
    incident: (i) => apiIncident(i, page_id, site.url, byId, affectedName),
    maintenance: (m) => apiMaintenance(m, page_id, site.url, byId, affectedName),
  };
}

/**
 * Components and groups in page order: each group follows the ungrouped components and is
 * followed by its members. Positions count within the parent, from 1, as Statuspage does.
 */
function apiComponents(state: StatusState, page_id: string): ApiComponent[] {
  const { site } = state.content;
  // When each component last changed what it shows: incident state changes and maintenance.
  const changed = new Map<string, number>();
  const touch = (id: string, at: number) => changed.set(id, Math.max(changed.get(id) ?? -Infinity, at));
  for (const i of state.incidents) {
    for (const u of i.updates) for (const c of u.changes) if (c.from !== c.to) touch(c.id, u.at);
  }
  for (const m of state.maintenances) {
    for (const u of m.updates) if (u.from !== u.to) m.componentIds.forEach((id) => touch(id, u.at));
  }
  const shown = new Map(state.components.map((c) => [c.component.id, c.shown]));
  const componentIds = new Set(site.components.map((c) => c.id));
  const groupId = (id: string) => apiGroupId(id, (c) => componentIds.has(c));
  const byOrder = (a: Component, b: Component) => a.order - b.order || a.name.localeCompare(b.name);

  const component = (c: Component, position: number): ApiComponent => {
    const created = startOfDay(c.start_date, site.time_zone);
    return {
      id: c.id,
      name: c.name,
      status: shown.get(c.id) ?? 'operational',
      created_at: iso(created),
      updated_at: iso(Math.max(created, changed.get(c.id) ?? created)),
      position,
      description: c.description || null,
      showcase: true,
      start_date: c.start_date,
      group_id: c.group ? groupId(c.group) : null,
      page_id,
      group: false,
      only_show_if_degraded: c.only_show_if_degraded,
    };
  };
  const list: ApiComponent[] = [];
  const ungrouped = site.components.filter((c) => !c.group).sort(byOrder);
  ungrouped.forEach((c, i) => list.push(component(c, i + 1)));
  [...site.groups].sort((a, b) => a.order - b.order).forEach((g, i) => {
    const members = site.components.filter((c) => c.group === g.id).sort(byOrder).map((c, k) => component(c, k + 1));
    list.push({
      id: groupId(g.id),
      name: g.name,
      status: members.reduce<ShownState>((s, m) => worse(s, m.status), 'operational'),
      created_at: members.map((m) => m.created_at).sort()[0] ?? iso(0),
      updated_at: members.map((m) => m.updated_at).sort().at(-1) ?? iso(0),
      position: ungrouped.length + i + 1,
      description: g.description || null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id,
      group: true,
      only_show_if_degraded: false,
      components: members.map((m) => m.id),
    }, ...members);
  });
  return list;
}

type Lookup = Map<string, ApiComponent>;

function update(
  parent: string,
  u: { at: number; status: ApiUpdate['status']; body: string },
  affected: ApiAffectedComponent[],
): ApiUpdate {
  const at = iso(u.at);
  return {
    // Stable as long as the update keeps its time: ids must not shift when an update is added.
    id: stableId(`${parent}/${u.at}/${u.status}`),
    status: u.status,
    body: u.body,
    incident_id: parent,
    created_at: at,
    updated_at: at,
    display_at: at,
    affected_components: affected,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  };
}

function apiIncident(i: IncidentState, page_id: string, siteUrl: string, components: Lookup, name: (id: string) => string): ApiIncident {
  const id = i.incident.id;
  return {
    id,
    name: i.incident.title,
    status: !i.open && i.postmortem ? 'postmortem' : i.status,
    created_at: iso(i.startedAt),
    updated_at: iso(i.updatedAt),
    monitoring_at: i.monitoringAt === undefined ? null : iso(i.monitoringAt),
    resolved_at: i.resolvedAt === undefined ? null : iso(i.resolvedAt),
    impact: i.incident.impact,
    shortlink: absoluteUrl(siteUrl, incidentUrl(id)),
    started_at: iso(i.startedAt),
    page_id,
    incident_updates: i.updates
      .map((u) => update(id, u, u.changes.map((c) => ({ code: c.id, name: name(c.id), old_status: c.from, new_status: c.to }))))
      .reverse(),
    components: i.componentIds.flatMap((c) => components.get(c) ?? []),
    reminder_intervals: null,
  };
}

function apiMaintenance(m: MaintenanceState, page_id: string, siteUrl: string, components: Lookup, name: (id: string) => string): ApiMaintenance {
  const id = m.maintenance.id;
  return {
    id,
    name: m.maintenance.title,
    status: m.status,
    created_at: iso(m.createdAt),
    updated_at: iso(m.updatedAt),
    monitoring_at: null,
    resolved_at: m.completedAt === undefined ? null : iso(m.completedAt),
    impact: 'maintenance',
    shortlink: absoluteUrl(siteUrl, maintenanceUrl(id)),
    started_at: iso(m.createdAt),
    page_id,
    incident_updates: m.updates
      .map((u) => update(id, u, m.componentIds.map((c) => ({ code: c, name: name(c), old_status: u.from, new_status: u.to }))))
      .reverse(),
    components: m.componentIds.flatMap((c) => components.get(c) ?? []),
    scheduled_for: iso(m.maintenance.scheduledFor),
    scheduled_until: iso(m.maintenance.scheduledUntil),
  };
}
