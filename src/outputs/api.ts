import { iso } from '../shared/format.ts';
import { absoluteUrl } from '../shared/ids.ts';
import { keyOf } from '../shared/input-key.ts';
import { startOfDay } from '../shared/time.ts';
import { incidentSourceKey, type IncidentState, maintenanceRuns, type StatusState } from '../state/index.ts';
import { apiObjects, type ApiIncident, type ApiPage, type ApiStatus, type ApiSummary } from './api-objects.ts';
import { API_BASE, API_SUMMARY } from './api-rules.ts';
import type { KeyedFile, OutputFile, Output } from './files.ts';

/**
 * Statuspage's public API v2, written as static files under api/v2/, field for field and in
 * Statuspage's key order, so Statuspage clients and widgets work against our base URL.
 * Beyond Statuspage: every incident and maintenance at its own URL, and a paginated index of
 * every incident (api/v2/incidents/all/<n>.json), since incidents.json stops at 50.
 */

/** Statuspage's cap on incidents.json and scheduled-maintenances.json. */
export const API_LIST_LIMIT = 50;
/** Incidents per page of the full index. */
export const API_PAGE_SIZE = 100;


/** Producer: every file under api/v2/. Linear in the number of incidents and updates. */
export function apiFiles(state: StatusState): Iterable<OutputFile | KeyedFile> {
  return { [Symbol.iterator]: () => apiFileList(state) };
}

function* apiFileList(state: StatusState): Generator<OutputFile | KeyedFile> {
  const { site } = state.content;
  const api = apiObjects(state);
  const { pageId: page_id, components } = api;
  const byId = new Map(components.filter((c) => !c.group).map((c) => [c.id, c]));

  // Incidents are turned into API objects only where a file is made: on a large site holding all
  // of them at once took 100 MB or more, and with a build cache most files are not made at all.
  const apiIncidentOf = api.incident;
  const unresolved = state.incidents.filter((i) => i.open).map(apiIncidentOf);
  const maintenances = state.maintenances.map(api.maintenance);
  const upcoming = maintenances.filter((m) => m.status === 'scheduled');
  const active = maintenances.filter((m) => maintenanceRuns(m.status));
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
    // Statuspage writes the page's address without a trailing slash; a page under a sub-path keeps
    // its slash, since hosts serve the folder only there.
    url: new URL(site.url).pathname === '/' ? site.url.replace(/\/$/, '') : site.url.replace(/\/?$/, '/'),
    time_zone: site.time_zone,
    updated_at: iso(lastChange),
  };
  const status: ApiStatus = { indicator: state.indicator, description: state.description };

  const file = (path: string, body: object, shown = page): OutputFile => ({ path: `${API_BASE}/${path}`, content: JSON.stringify({ page: shown, ...body }) });
  // A file about some incidents dates the page by their last change, not the whole page's: posting an
  // update then rewrites (and a deploy uploads) a handful of files, not 10,000.
  const pageAsOf = (updatedAt: string[]) => ({ ...page, updated_at: updatedAt.reduce((a, b) => (a > b ? a : b), updatedAt[0] ?? page.updated_at) });
  const summary: ApiSummary = { page, components, incidents: unresolved, scheduled_maintenances: [...active, ...upcoming], status };
  yield { path: API_SUMMARY, content: JSON.stringify(summary) };
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

/** Output: the Statuspage-compatible API, read by widgets and scripts. */
export const apiOutput: Output = { produce: apiFiles, serves: [{ path: `/${API_BASE}/*`, type: 'application/json; charset=utf-8' }] };
