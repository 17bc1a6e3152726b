/** Tools for the people who write content: checks with annotations, editing files in place, importing from Statuspage. */
export { annotation, checkContent, errorCount, STALE_OPEN_DAYS, summaryMarkdown, timeWarnings, type CheckResult } from './check.ts';
export { addUpdate, incidentId, newIncidentText, newMaintenanceText, quoteTimes, slugify, startPostmortem, writtenTime } from './edit.ts';
export type { NewIncident, NewMaintenance, NewUpdate } from './edit.ts';
export { bodyToMarkdown, importStatuspage, mergeSources, type ImportedFile, type ImportResult, type StatuspageData } from './import.ts';
