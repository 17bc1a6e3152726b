// What happened on the page, as events with ids that never change: derived from the state at `now`
// alone, so an event exists once its time has come (a future-dated update is simply not there yet)
// and an edit to a text does not make a new one (ids hold ids and times, never bodies).
import { iso, NOTIFY_EVENTS, type IncidentState, type MaintenanceState, type ShownState, type StatusState } from './upstream.ts';

export type NotifyEventKind = (typeof NOTIFY_EVENTS)[number];

/** Every kind of event: what webhooks get by default, as Statuspage's do. */
export const ALL_EVENTS: readonly NotifyEventKind[] = NOTIFY_EVENTS;

/**
 * What chat and mail get by default: every event but component_changed, since an incident's own
 * messages already say which components it affects.
 */
export const READER_EVENTS: readonly NotifyEventKind[] = NOTIFY_EVENTS.filter((e) => e !== 'component_changed');

export type NotifyEvent =
  | { id: string; kind: 'incident_created' | 'incident_updated' | 'incident_resolved'; at: number; componentIds: string[]; incident: IncidentState; updateAt: number }
  | { id: string; kind: 'postmortem'; at: number; componentIds: string[]; incident: IncidentState }
  | { id: string; kind: 'maintenance_announced' | 'maintenance_started' | 'maintenance_completed'; at: number; componentIds: string[]; maintenance: MaintenanceState }
  | { id: string; kind: 'component_changed'; at: number; componentIds: [string]; from: ShownState; to: ShownState };

export type IncidentEvent = Extract<NotifyEvent, { incident: IncidentState }>;
export type MaintenanceEvent = Extract<NotifyEvent, { maintenance: MaintenanceState }>;
export type ComponentEvent = Extract<NotifyEvent, { kind: 'component_changed' }>;

/** Same-instant events in the order a reader expects them: what happened, then what it did to components. */
const KIND_ORDER: NotifyEventKind[] = [
  'maintenance_announced', 'maintenance_started', 'incident_created', 'incident_updated', 'incident_resolved',
  'maintenance_completed', 'component_changed', 'postmortem',
];

/**
 * Every event at or before `state.now` whose time is after `since`, oldest first. Only incidents
 * and maintenance with something after `since` are looked at closely, so a run with nothing new
 * on 10,000 incidents does little more than read the times.
 */
export function eventsSince(state: StatusState, since: number): NotifyEvent[] {
  const events: NotifyEvent[] = [];
  const recent = state.incidents.filter((i) => i.updatedAt > since || i.open);
  for (const i of recent) {
    const id = i.incident.id;
    i.updates.forEach((u, n) => {
      if (u.at <= since) return;
      const kind = n === 0 ? 'incident_created' : u.status === 'resolved' ? 'incident_resolved' : 'incident_updated';
      events.push({ id: `incident/${id}/update/${iso(u.at)}`, kind, at: u.at, componentIds: i.componentIds, incident: i, updateAt: u.at });
    });
    if (i.postmortem && i.postmortem.at > since) {
      events.push({ id: `incident/${id}/postmortem`, kind: 'postmortem', at: i.postmortem.at, componentIds: i.componentIds, incident: i });
    }
  }
  const liveMaintenance = state.maintenances.filter((m) => m.updatedAt > since || m.createdAt > since || !m.completedAt);
  for (const m of liveMaintenance) {
    const id = m.maintenance.id;
    // Announced when it first showed: its first written update, or (without one) as soon as it is
    // on the page, which is the first run that sees it; never later than now.
    const written = m.maintenance.updates[0];
    const announcedAt = written ? written.at : Math.min(m.maintenance.scheduledFor, state.now);
    const add = (kind: MaintenanceEvent['kind'], at: number | undefined, what: string) => {
      if (at !== undefined && at > since) events.push({ id: `maintenance/${id}/${what}`, kind, at, componentIds: m.componentIds, maintenance: m });
    };
    add('maintenance_announced', announcedAt, 'announced');
    add('maintenance_started', m.startedAt, 'started');
    add('maintenance_completed', m.completedAt, 'completed');
  }
  events.push(...componentChanges(state, since, recent, liveMaintenance));
  return events.sort((a, b) => a.at - b.at || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.id.localeCompare(b.id));
}

/**
 * Events whose time the content does not say: a maintenance without written updates is announced
 * whenever it first shows. A channel's first run records these as sent along with the present,
 * or they would seem new to every later run.
 */
export function undatedEventIds(state: StatusState): string[] {
  return state.maintenances.filter((m) => m.maintenance.updates.length === 0).map((m) => `maintenance/${m.maintenance.id}/announced`);
}

/**
 * A component's shown state changes where an update of one of its incidents or maintenances
 * changes it and the other incidents open at that instant do not hide the change (the page shows
 * the worst). Checked at each such instant after `since`, just before and at it.
 */
function componentChanges(state: StatusState, since: number, incidents: IncidentState[], maintenances: MaintenanceState[]): ComponentEvent[] {
  const instants = new Map<number, Set<string>>();
  const touch = (at: number, ids: Iterable<string>) => {
    if (at <= since) return;
    const set = instants.get(at) ?? new Set<string>();
    for (const id of ids) set.add(id);
    instants.set(at, set);
  };
  for (const i of incidents) {
    for (const u of i.updates) touch(u.at, u.changes.filter((c) => c.from !== c.to).map((c) => c.id));
  }
  for (const m of maintenances) for (const u of m.updates) if (u.from !== u.to) touch(u.at, m.componentIds);

  const RANK: ShownState[] = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'];
  const shownAt = (componentId: string, at: number): ShownState => {
    let worst: ShownState = 'operational';
    for (const i of incidents) {
      const last = i.updates.findLast((u) => u.at <= at);
      if (!last || last.status === 'resolved') continue;
      const to = last.changes.find((c) => c.id === componentId)?.to;
      if (to && RANK.indexOf(to) > RANK.indexOf(worst)) worst = to;
    }
    if (worst !== 'operational') return worst;
    const maintained = maintenances.some((m) => m.componentIds.includes(componentId) && m.updates.findLast((u) => u.at <= at)?.to === 'under_maintenance');
    return maintained ? 'under_maintenance' : 'operational';
  };
  const events: ComponentEvent[] = [];
  for (const [at, ids] of instants) {
    for (const id of ids) {
      const from = shownAt(id, at - 1);
      const to = shownAt(id, at);
      if (from !== to) events.push({ id: `component/${id}/${iso(at)}/${to}`, kind: 'component_changed', at, componentIds: [id], from, to });
    }
  }
  return events;
}
