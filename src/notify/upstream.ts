// Everything the notification stage takes from the rest of the pipeline, in one place: content,
// state, view, outputs and the shared helpers, each stage through its index.ts. Notify sits at the
// end of the line, so these imports point down only (test/architecture.test.ts keeps it so).
export { NOTIFY_EVENTS, type Content, type Notifications, type Site } from '../content/index.ts';
export { chatChannelSchema, emailChannelSchema, webhookChannelSchema } from '../content/index.ts';
export { lineAt, parseYamlDocument, PROBLEMS, type Said } from '../content/index.ts';
export { NEXT_CHANGE_FILE, stateAt, type IncidentState, type MaintenanceState, type ShownState, type StatusState } from '../state/index.ts';
export {
  affectedText,
  componentUrl,
  fill,
  incidentPage,
  loadLocale,
  siteLocale,
  maintenanceUrl,
  stampIn,
  SUBSCRIBE_URL,
  viewContext,
  type IncidentPage,
  type Locale,
  type Messages,
} from '../view/index.ts';
export { apiObjects, type ApiComponent } from '../outputs/index.ts';
export { absoluteUrl, pageId, stableId } from '../shared/ids.ts';
export { Markdown } from '../shared/markdown.ts';
export { iso } from '../shared/format.ts';
export { parseJson } from '../shared/json.ts';
export { StatusError, closest, type Problem } from '../shared/errors.ts';
export { branchFile, STATE_BRANCH } from '../shared/git-branch.ts';
export { retryableStatus, sleep, withRetry, type Attempt, type Outcome, type RetryPolicy } from '../shared/retry.ts';
