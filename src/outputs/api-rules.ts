import type { UpdateStatus } from '../content/index.ts';

/**
 * What the API's fields mean, in one place for the build that writes them and for the scripts
 * that read them back in the browser (the home page's live refresh, the status embed).
 */

/** Where the API's files are, under the site's address. */
export const API_BASE = 'api/v2';
/** The one file the browser scripts read: current status, components, open incidents, maintenance. */
export const API_SUMMARY = `${API_BASE}/summary.json`;

/** A group's id in the API: its own, or "<id>-group" when a component has that id too (the API has one namespace). */
export const apiGroupId = (groupId: string, isComponentId: (id: string) => boolean): string =>
  isComponentId(groupId) ? `${groupId}-group` : groupId;

/** An incident's status in the API: its own, or postmortem once it is resolved and its postmortem posted. */
export type ApiIncidentStatus = UpdateStatus | 'postmortem';

/** Whether the API's incident is open: neither resolved nor closed with a postmortem. */
export const apiIncidentOpen = (status: ApiIncidentStatus): boolean => status !== 'resolved' && status !== 'postmortem';
