/** The content's meaning at one instant `now`: incidents, maintenance, components, uptime, overall status. */
export { IMPACT_LABELS, MAINTENANCE_LABELS, STATE_LABELS, STATUS_LABELS, UNDER_MAINTENANCE_LABEL, updateLabel } from './labels.ts';
export { AUTOMATIC_BODIES, bySchedule, maintenanceAt, maintenanceRuns, type MaintenanceState, type MaintenanceUpdateState } from './maintenance.ts';
export { automaticState, failingRun, firingFor, type AutomaticReason, type AutomaticState } from './automation.ts';
export { clockSteps, MAX_CLOCK_STEPS, type ClockStep } from './clock.ts';
export { endOfDay, NEXT_CHANGE_FILE, nextChange, type NextChange } from './next-change.ts';
export {
  impactSeverity,
  INDICATOR_OF_STATE,
  severity,
  SHOWN_ORDER,
  shownIndicator,
  shownState,
  worse,
  worseImpact,
  worstOf,
  type Indicator,
  type ShownState,
} from './severity.ts';
export {
  incidentAt,
  incidentSourceKey,
  overallStatus,
  siteOrder,
  stateAt,
  type ComponentStatus,
  type IncidentState,
  type StatusState,
  type VisibleUpdate,
} from './status.ts';
export { componentMetrics, latencyOf, METRIC_WINDOWS, metricWindow, percentile, type Latency, type MetricBucket, type MetricWindow, type MetricWindowId } from './metrics.ts';
export { componentUptime, DOWNTIME_WEIGHT, UPTIME_DAYS, type Outage, type UptimeDay } from './uptime.ts';
