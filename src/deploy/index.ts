/** Deploy: upload the built site to an S3-compatible bucket so readers never see a half-updated site;
 * on hosts that build from git, ask their build hook for a build when the clock changes the page. */
export { siteLocation, type SiteLocation } from './links.ts';
export { uploadsOf, type Plan } from './plan.ts';
export { createS3Client, deploy, normalizePrefix, type Progress } from './s3.ts';
export {
  CLAIM_LAPSE_MS,
  DEFAULT_HOOK_POLICY,
  HOOK_ENV,
  KEEP_REQUESTS,
  nextChangeUrl,
  parseRebuildRecord,
  REBUILD_FILE,
  requestRebuild,
  serializeRebuildRecord,
  settles,
  type RebuildOptions,
  type RebuildOutcome,
  type RebuildReport,
  type RebuildRequest,
} from './rebuild.ts';
