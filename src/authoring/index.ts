/** Tools for the people who write content and keep the page: checks with annotations, editing files in place, importing from Statuspage, making and upgrading a status repository. */
export { annotation, checkContent, errorCount, STALE_OPEN_DAYS, summaryMarkdown, timeWarnings, type CheckResult } from './check.ts';
export { addUpdate, incidentId, newestUpdate, newIncidentText, newMaintenanceText, quoteTimes, setNewestStatus, slugify, slugWords, startPostmortem, writtenTime } from './edit.ts';
export type { NewIncident, NewMaintenance, NewUpdate } from './edit.ts';
export { bodyToMarkdown, importStatuspage, mergeSources, type ImportedFile, type ImportResult, type StatuspageData } from './import.ts';
export { initSite, INIT_DEFAULTS, statusPackageText, type ComponentAnswer, type GroupAnswer, type InitOptions } from './init.ts';
export { upgradeSite, type UpgradeOptions, type UpgradeResult } from './upgrade.ts';
export { compareVersions, migrateSite, SITE_MIGRATIONS, type SiteMigration } from './migrations.ts';
export { CLONE_ENGINE_PATHS, isClone } from './clone.ts';
export { managedFiles, readRecord, RECORD_FILE, renderTemplate, STARTER_DIR, TEAM_FILES, TOOL_SCRIPTS, workflowValues } from './starter.ts';
export { checklist, DEFAULT_HOST, numbered, HOST_PROFILES, HOSTS, isHost, type Host, type HostProfile, type StarterFile } from './hosts.ts';
