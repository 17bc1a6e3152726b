/**
 * The programmatic API (the package's main export): build a site, check its content, send its
 * notifications. The command-line tool (scripts/markdown-status.ts) is made of the same calls.
 * Plain JavaScript reaches it through scripts/api.js, which names the same exports.
 */
export { buildSite, serveSite, sitePaths, type BuildOptions, type BuildReport, type PathOptions, type SitePaths } from './build/index.ts';
export { checkContent, type CheckResult } from './authoring/index.ts';
export { loadContent, type Content } from './content/index.ts';
export { fileLedgerStore, gitLedgerStore, notifyAsOf, runNotify, s3LedgerStore, type LedgerStore, type NotifyOptions, type NotifyReport } from './notify/index.ts';
export { resolveNow } from './shared/clock.ts';
export { formatProblem, StatusError, type Problem } from './shared/errors.ts';
export { PACKAGE } from './shared/package.ts';
