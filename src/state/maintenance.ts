import type { Maintenance, MaintenanceStatus, MaintenanceUpdate } from '../content/index.ts';
import { MAINTENANCE_LABELS, updateLabel } from './labels.ts';
import type { ShownState } from './severity.ts';

/**
 * A maintenance at an instant. The clock moves it on by itself: in progress at `scheduled_for`,
 * completed at `scheduled_until`; updates written in the file add to that.
 */
export interface MaintenanceUpdateState extends MaintenanceUpdate {
  /** "In progress", …, or "Update" when the status repeats the one before. */
  label: string;
  /** Posted by the clock at the start or end of the window rather than written in the file. */
  automatic: boolean;
  /** State of the maintenance's components just before and after this update. */
  from: ShownState;
  to: ShownState;
}

export interface MaintenanceState {
  maintenance: Maintenance;
  status: MaintenanceStatus;
  /** In progress or verifying: its components show under_maintenance. */
  active: boolean;
  /** Announced and not started. */
  upcoming: boolean;
  /** Updates shown at `now` (written and automatic), oldest first. */
  updates: MaintenanceUpdateState[];
  /** First written update, or the start of the window if that is earlier or nothing was written. */
  createdAt: number;
  updatedAt: number;
  startedAt?: number;
  completedAt?: number;
  /** Component ids in site order. */
  componentIds: string[];
}

export const AUTOMATIC_BODIES = {
  in_progress: 'The maintenance window has started.',
  completed: 'The maintenance window has ended.',
} as const;

/** A maintenance runs while in progress or verifying: its components show under maintenance then. */
export const maintenanceRuns = (status: MaintenanceStatus): boolean => status === 'in_progress' || status === 'verifying';
const shown = (status: MaintenanceStatus): ShownState => (maintenanceRuns(status) ? 'under_maintenance' : 'operational');

/** The maintenance at `now`, or undefined before its first written update. */
export function maintenanceAt(m: Maintenance, now: number, order: Map<string, number>): MaintenanceState | undefined {
  const firstWritten = m.updates[0];
  if (firstWritten && firstWritten.at > now) return undefined;

  const updates: MaintenanceUpdateState[] = [];
  let status = 'scheduled' as MaintenanceStatus; // (`as`: TypeScript does not see `apply` change it)
  let startedAt: number | undefined;
  let completedAt: number | undefined;
  const apply = (u: MaintenanceUpdate, automatic: boolean) => {
    updates.push({ ...u, automatic, label: updateLabel(u.status, updates.at(-1)?.status, MAINTENANCE_LABELS, 'Update'), from: shown(status), to: shown(u.status) });
    if (maintenanceRuns(u.status)) startedAt ??= u.at;
    if (u.status === 'completed') completedAt ??= u.at;
    status = u.status;
  };
  // Written updates and the clock's two transitions in time order; a written update wins a tie.
  const written = m.updates.filter((u) => u.at <= now);
  let next = 0;
  const clock = [
    { at: m.scheduledFor, status: 'in_progress' as const },
    { at: m.scheduledUntil, status: 'completed' as const },
  ];
  for (const tick of clock) {
    if (tick.at > now) break;
    while (next < written.length && written[next]!.at <= tick.at) apply(written[next++]!, false);
    const moves = tick.status === 'in_progress' ? status === 'scheduled' : status !== 'completed';
    if (moves) apply({ at: tick.at, status: tick.status, body: AUTOMATIC_BODIES[tick.status] }, true);
  }
  while (next < written.length) apply(written[next++]!, false);

  const createdAt = Math.min(firstWritten?.at ?? Infinity, m.scheduledFor);
  return {
    maintenance: m,
    status,
    active: maintenanceRuns(status),
    upcoming: status === 'scheduled',
    updates,
    createdAt,
    updatedAt: updates.at(-1)?.at ?? createdAt,
    startedAt,
    completedAt,
    componentIds: [...m.components].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
  };
}

/** Soonest window first, so the next maintenance leads every list. */
export const bySchedule = (a: MaintenanceState, b: MaintenanceState) =>
  a.maintenance.scheduledFor - b.maintenance.scheduledFor || a.maintenance.id.localeCompare(b.maintenance.id);
