/**
 * The words content is written in, least to most severe where there is an order. Kept apart from
 * the schemas (which build zod objects as they load) so that the browser scripts can import the
 * orders with nothing else: see src/client/.
 */

export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export const UPDATE_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const OUTAGE_STATES = ['degraded_performance', 'partial_outage', 'major_outage'] as const;
export const COMPONENT_STATES = ['operational', ...OUTAGE_STATES] as const;
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];
