/** Deploy: upload the built site to an S3-compatible bucket so readers never see a half-updated site. */
export { siteLocation, type SiteLocation } from './links.ts';
export { uploadsOf, type Plan } from './plan.ts';
export { createS3Client, deploy, normalizePrefix, type Progress } from './s3.ts';
