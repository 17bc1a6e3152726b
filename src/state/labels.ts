import type { ComponentState, Impact, MaintenanceStatus, UpdateStatus } from '../content/index.ts';

/**
 * English names of the content's vocabulary, as Statuspage writes them: for the machine-facing
 * outputs (API, feeds, calendar, badges), which are not translated. Pages take theirs from locales/.
 */

export const STATUS_LABELS: Record<UpdateStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

export const MAINTENANCE_LABELS: Record<MaintenanceStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

export const STATE_LABELS: Record<ComponentState, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded Performance',
  partial_outage: 'Partial Outage',
  major_outage: 'Major Outage',
};

export const UNDER_MAINTENANCE_LABEL = 'Under Maintenance';

export const IMPACT_LABELS: Record<Impact, string> = {
  none: 'No impact',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};

/**
 * An update's label: its status's, or "Update" when the status repeats the one before, as
 * Statuspage shows it. `labels` and `update` are English here and the locale's on pages.
 */
export const updateLabel = <S extends string>(status: S, previous: string | undefined, labels: Readonly<Record<S, string>>, update: string): string =>
  previous === status ? update : labels[status];
