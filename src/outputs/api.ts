import { StatusError } from '../shared/errors.ts';
import { iso } from '../shared/format.ts';
import { absoluteUrl, pageId, stableId } from '../shared/ids.ts';
import { keyOf } from '../shared/input-key.ts';
import type { KeyedFile, OutputFile } from './files.ts';
import type { Component, Impact, UpdateStatus } from '../content/schema.ts';
import { incidentSourceKey, worse, type IncidentState, type Indicator, type MaintenanceState, type ShownState, type StatusState } from '../state/index.ts';
import { startOfDay } from '../shared/time.ts';
import { incidentUrl, maintenanceUrl } from '../view/index.ts';

/**
 * Statuspage's public API v2, written as static files under api/v2/, field for field and in
 * Statuspage's key order, so Statuspage clients and widgets work against our base URL.
 * Beyond Statuspage: every incident and maintenance at its own URL, and a paginated index of
 * every incident (api/v2/incidents/all/<n>.json), since incidents.json stops at 50.
 */

export const API_BASE = 'api/v2';
/** Statuspage's cap on incidents.json and scheduled-maintenances.json. */
export const API_LIST_LIMIT = 50;
/** Incidents per page of the full index. */
export const API_PAGE_SIZE = 100;

/** Path patterns and content types of the files written here, for hosting headers. */
export const API_CONTENT_TYPES = [{ path: `/${API_BASE}/*`, type: 'application/json; charset=utf-8' }];

/** Incident ids that would collide with the API's fixed files under incidents/. */
const RESERVED_INCIDENT_IDS = ['unresolved'];

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
  status: UpdateStatus | 'postmortem';
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


/** Producer: every file under api/v2/. Linear in the number of incidents and updates. */
export function apiFiles(state: StatusState): Iterable<OutputFile | KeyedFile> {
  checkIds(state);
  return { [Symbol.iterator]: () => apiFileList(state) };
}

function* apiFileList(state: StatusState): Generator<OutputFile | KeyedFile> {
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

  // Incidents are turned into API objects only where a file is made: on a large site holding all
  // of them at once took 100 MB or more, and with a build cache most files are not made at all.
  const apiIncidentOf = (i: IncidentState) => apiIncident(i, page_id, site.url, byId, affectedName);
  const unresolved = state.incidents.filter((i) => i.open).map(apiIncidentOf);
  const maintenances = state.maintenances.map((m) => apiMaintenance(m, page_id, site.url, byId, affectedName));
  const upcoming = maintenances.filter((m) => m.status === 'scheduled');
  const active = maintenances.filter((m) => m.status === 'in_progress' || m.status === 'verifying');
  // Most recent window first; the upcoming and active lists keep the soonest first.
  const recentMaintenances = [...maintenances].reverse().slice(0, API_LIST_LIMIT);

  const lastChange = Math.max(
    ...state.incidents.map((i) => i.updatedAt),
    ...state.maintenances.map((m) => m.updatedAt).filter((at) => at <= state.now),
    ...site.components.map((c) => startOfDay(c.start_date, site.time_zone)),
  );
  const page: ApiPage = {
    id: page_id,
    name: site.name,
    url: site.url.replace(/\/$/, ''),
    time_zone: site.time_zone,
    updated_at: iso(lastChange),
  };
  const status: ApiStatus = { indicator: state.indicator, description: state.description };

  const file = (path: string, body: object, shown = page): OutputFile => ({ path: `${API_BASE}/${path}`, content: JSON.stringify({ page: shown, ...body }) });
  // A file about some incidents dates the page by their last change, not the whole page's: posting an
  // update then rewrites (and a deploy uploads) a handful of files, not 10,000.
  const pageAsOf = (updatedAt: string[]) => ({ ...page, updated_at: updatedAt.reduce((a, b) => (a > b ? a : b), updatedAt[0] ?? page.updated_at) });
  yield file('summary.json', { components, incidents: unresolved, scheduled_maintenances: [...active, ...upcoming], status });
  yield file('status.json', { status });
  yield file('components.json', { components });
  yield file('incidents.json', { incidents: state.incidents.slice(0, API_LIST_LIMIT).map(apiIncidentOf) });
  yield file('incidents/unresolved.json', { incidents: unresolved });
  yield file('scheduled-maintenances.json', { scheduled_maintenances: recentMaintenances });
  yield file('scheduled-maintenances/upcoming.json', { scheduled_maintenances: upcoming });
  yield file('scheduled-maintenances/active.json', { scheduled_maintenances: active });
  // With a build cache, an incident's file is keyed by its source and its components' current
  // entries (the only other thing it shows), so an unchanged one is not made again.
  const keyOfIncident = (i: IncidentState, made: () => ApiIncident) => {
    const source = incidentSourceKey(i);
    return source === undefined ? keyOf(made()) : keyOf(source, i.componentIds.map((c) => byId.get(c)));
  };
  const keyed = (path: string, key: () => string, made: () => OutputFile): KeyedFile => ({ path: `${API_BASE}/${path}`, key, make: () => made().content });
  for (const scheduled_maintenance of maintenances) {
    yield file(`scheduled-maintenances/${scheduled_maintenance.id}.json`, { scheduled_maintenance }, pageAsOf([scheduled_maintenance.updated_at]));
  }
  // One page of the full list at a time, with the files of the incidents it lists: only one page's
  // API objects (and keys) are held, each made at most once.
  const total = state.incidents.length;
  const pages = Math.max(1, Math.ceil(total / API_PAGE_SIZE));
  for (let n = 1; n <= pages; n++) {
    const listedStates = state.incidents.slice((n - 1) * API_PAGE_SIZE, n * API_PAGE_SIZE);
    const made = new Map<IncidentState, ApiIncident>();
    const objectOf = (i: IncidentState) => made.get(i) ?? made.set(i, apiIncidentOf(i)).get(i)!;
    const keys = new Map<IncidentState, string>();
    const keyOfListed = (i: IncidentState) => keys.get(i) ?? keys.set(i, keyOfIncident(i, () => objectOf(i))).get(i)!;
    for (const i of listedStates) {
      const path = `incidents/${i.incident.id}.json`;
      yield keyed(path, () => keyOfListed(i), () => {
        const incident = objectOf(i);
        return file(path, { incident }, pageAsOf([incident.updated_at]));
      });
    }
    const link = (k: number) => (k >= 1 && k <= pages ? absoluteUrl(site.url, `/${API_BASE}/incidents/all/${k}.json`) : null);
    const pagination = { page: n, per_page: API_PAGE_SIZE, total_pages: pages, total_incidents: total, previous: link(n - 1), next: link(n + 1) };
    const path = `incidents/all/${n}.json`;
    yield keyed(
      path,
      () => keyOf(listedStates.length ? { ...page, updated_at: undefined } : page, pagination, listedStates.map(keyOfListed)),
      () => {
        const listed = listedStates.map(objectOf);
        return file(path, { incidents: listed, pagination }, listed.length ? pageAsOf(listed.map((i) => i.updated_at)) : page);
      },
    );
  }
}

/** Refuses content whose ids would overwrite the API's fixed files. */
function checkIds(state: StatusState) {
  const clashes = state.content.incidents.filter((i) => RESERVED_INCIDENT_IDS.includes(i.id));
  if (!clashes.length) return;
  throw new StatusError(
    'CONTENT',
    'an incident id is taken by the API',
    clashes.map((i) => ({
      file: i.file, line: 1, severity: 'error' as const,
      message: `"${i.id}" cannot be an incident id: the API uses api/v2/incidents/${i.id}.json for its own list`,
      hint: 'rename the file, or set another `id:`',
    })),
  );
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
  const groupId = (id: string) => (componentIds.has(id) ? `${id}-group` : id);
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
