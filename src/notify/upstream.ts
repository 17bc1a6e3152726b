// Everything the notification stage takes from the rest of the pipeline, in one place: content,
// state, view, outputs and the shared helpers. Notify sits at the end of the line, so these
// imports point down only, and nothing outside src/notify/ imports from here.
export type { Content } from '../load.ts';
export { stateAt, type IncidentState, type StatusState } from '../state.ts';
export { type MaintenanceState, type ShownState, maintenanceUrl } from '../maintenance.ts';
export { siteView, componentUrl, type IncidentPage } from '../view.ts';
export { fill, loadLocale, stampIn, type Locale, type Messages } from '../i18n.ts';
export { absoluteUrl, pageId, stableId } from '../ids.ts';
export { apiFiles } from '../api.ts';
export { affectedText } from '../affected.ts';
export { renderMarkdown } from '../markdown.ts';
export { iso } from '../format.ts';
export { StatusError, closest, type Problem } from '../errors.ts';
export { lineAt, parseYamlDocument } from '../yaml-source.ts';
export { NOTIFY_EVENTS, type Notifications, type Site } from '../schema.ts';
