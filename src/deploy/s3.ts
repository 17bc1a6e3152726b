// Carries out a deploy plan against an S3-compatible bucket. The order of requests is what keeps
// readers safe: read everything first, upload in the plan's groups, delete only after every upload
// succeeded, and keep the manifest one step ahead so an interrupted deploy can be resumed.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { StatusError } from '../shared/errors.ts';
import type { SiteLocation } from './links.ts';
import { emptyManifest, MANIFEST_KEY, parseManifest, serializeManifest, type Manifest } from './manifest.ts';
import {
  invalidationPaths,
  keysToInspect,
  manifestAfterUploads,
  manifestBeforeUploads,
  planDeploy,
  uploadsOf,
  withoutKeys,
  type Plan,
  type RemoteHead,
  type RemoteObject,
} from './plan.ts';
import { scanSite } from './scan.ts';

export interface S3Target {
  bucket: string;
  /** Folder inside the bucket: "" or "status/". */
  prefix: string;
  region?: string;
  /** For S3-compatible services (R2, MinIO, …); AWS S3 when absent. */
  endpoint?: string;
}

/** A client for the target. Credentials come from the SDK's usual chain unless given (tests). */
export function createS3Client(target: S3Target, credentials?: { accessKeyId: string; secretAccessKey: string }): S3Client {
  return new S3Client({
    region: target.region ?? (target.endpoint ? 'us-east-1' : undefined),
    endpoint: target.endpoint,
    // Other services rarely have a DNS name per bucket; AWS S3 prefers one.
    forcePathStyle: target.endpoint !== undefined,
    followRegionRedirects: true,
    // Checksums only where S3 requires them: several S3-compatible services reject the newer ones.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(credentials ? { credentials } : {}),
  });
}

/** Bucket prefix as the deploy uses it: no leading slash, a trailing one unless empty. */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  if (trimmed.split('/').some((part) => part === '..' || part === '.')) {
    throw new StatusError('USAGE', `--prefix must be a plain folder name like "status/" — got "${prefix}"`);
  }
  return trimmed === '' ? '' : `${trimmed}/`;
}

export interface Progress {
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface DeployOptions {
  dir: string;
  site: SiteLocation;
  target: S3Target;
  client: S3Client;
  /** CloudFront distribution to invalidate changed paths in. */
  cloudfront?: { distributionId: string; client?: CloudFrontClient };
  dryRun?: boolean;
  /** Delete managed objects that are no longer built (default true). */
  deleteStale?: boolean;
  concurrency?: number;
  /** Test hook: fail as if the network dropped once this many uploads have been sent. */
  failAfter?: number;
  onProgress?: (progress: Progress) => void;
}

export interface DeployReport {
  plan: Plan;
  dryRun: boolean;
  uploaded: string[];
  deleted: string[];
  bytesUploaded: number;
  invalidationId?: string;
}

/** Deploys the built site in `dir` to the bucket; throws a StatusError that says what to do. */
export async function deploy(options: DeployOptions): Promise<DeployReport> {
  const { client, target } = options;
  const prefix = normalizePrefix(target.prefix);
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const call = async <T>(action: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      throw explainS3Error(error, action, target);
    }
  };

  const local = scanSite(options.dir, options.site);
  const listed = await call('list the bucket', () => listObjects(client, target.bucket, prefix));
  const remote = new Map([...listed].filter(([key]) => key !== MANIFEST_KEY));
  const manifestText = listed.has(MANIFEST_KEY)
    ? await call('read the deploy manifest', () => readObject(client, target.bucket, prefix + MANIFEST_KEY))
    : undefined;
  const manifest = manifestText === undefined ? emptyManifest() : parseManifest(manifestText, `s3://${target.bucket}/${prefix}${MANIFEST_KEY}`);

  const heads = new Map<string, RemoteHead>();
  await pool(keysToInspect(local, remote, manifest), concurrency, async (key) => {
    const head = await call(`read ${key}`, () => client.send(new HeadObjectCommand({ Bucket: target.bucket, Key: prefix + key })));
    heads.set(key, { sha256: head.Metadata?.sha256, contentType: head.ContentType, cacheControl: head.CacheControl });
  });

  const plan = planDeploy({ local, remote, manifest, heads, deleteStale: options.deleteStale ?? true });
  const report: DeployReport = { plan, dryRun: options.dryRun ?? false, uploaded: [], deleted: [], bytesUploaded: 0 };
  if (report.dryRun) return report;

  const putManifest = (m: Manifest) =>
    call('write the deploy manifest', () =>
      client.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: prefix + MANIFEST_KEY,
          Body: serializeManifest(m),
          ContentType: 'application/json; charset=utf-8',
          CacheControl: 'no-store',
        }),
      ),
    );

  const pending = manifestBeforeUploads(manifest, plan);
  if (pending) await putManifest(pending);

  const uploads = uploadsOf(plan);
  const progress: Progress = { done: 0, total: uploads.length, bytesDone: 0, bytesTotal: uploads.reduce((n, u) => n + u.file.size, 0) };
  const etags = new Map<string, string | null>();
  let sent = 0;
  try {
    for (const batch of plan.batches) {
      await pool(batch, concurrency, async ({ file }) => {
        if (options.failAfter !== undefined && sent >= options.failAfter) {
          throw new StatusError('IO', `stopped on purpose after ${options.failAfter} uploads (STATUS_DEPLOY_FAIL_AFTER, a test hook)`);
        }
        sent++;
        const body = readFileSync(file.file);
        const result = await call(`upload ${file.key}`, () =>
          client.send(
            new PutObjectCommand({
              Bucket: target.bucket,
              Key: prefix + file.key,
              Body: body,
              ContentLength: body.length,
              ContentType: file.headers.contentType,
              CacheControl: file.headers.cacheControl,
              Metadata: { sha256: file.sha256 },
            }),
          ),
        );
        etags.set(file.key, result.ETag ?? null);
        report.uploaded.push(file.key);
        report.bytesUploaded += file.size;
        progress.done++;
        progress.bytesDone += file.size;
        options.onProgress?.({ ...progress });
      });
    }
  } catch (error) {
    const reason = error instanceof StatusError ? error.message : String(error);
    throw new StatusError(
      'IO',
      `deploy stopped after ${report.uploaded.length} of ${uploads.length} uploads: ${reason}. Nothing was deleted, and every page in the bucket still links only to files that are there; run the deploy again to finish`,
      [],
      { cause: error },
    );
  }

  const afterUploads = manifestAfterUploads(manifest, plan, remote, etags);
  const final = withoutKeys(afterUploads, plan.deletes);
  if (plan.deletes.length > 0) {
    await putManifest(afterUploads);
    for (let i = 0; i < plan.deletes.length; i += 1000) {
      const keys = plan.deletes.slice(i, i + 1000);
      const result = await call('delete old files', () =>
        client.send(
          new DeleteObjectsCommand({ Bucket: target.bucket, Delete: { Objects: keys.map((k) => ({ Key: prefix + k })), Quiet: true } }),
        ),
      );
      const failed = result.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0]!;
        throw new StatusError('IO', `could not delete ${failed.length} old files (first: ${first.Key}: ${first.Code} ${first.Message ?? ''}); every new file is uploaded, run the deploy again to retry the deletes`);
      }
      report.deleted.push(...keys);
    }
  }
  if (manifestText !== serializeManifest(final)) await putManifest(final);

  if (options.cloudfront) {
    const paths = invalidationPaths(plan, prefix);
    if (paths.length > 0) report.invalidationId = await invalidate(options.cloudfront, paths);
  }
  return report;
}

async function listObjects(client: S3Client, bucket: string, prefix: string): Promise<Map<string, RemoteObject>> {
  const objects = new Map<string, RemoteObject>();
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      if (o.Key?.startsWith(prefix)) objects.set(o.Key.slice(prefix.length), { etag: o.ETag ?? null, size: o.Size ?? 0 });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

async function readObject(client: S3Client, bucket: string, key: string): Promise<string> {
  const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await result.Body?.transformToString('utf8')) ?? '';
}

async function invalidate(cloudfront: { distributionId: string; client?: CloudFrontClient }, paths: string[]): Promise<string | undefined> {
  // CloudFront is a global service whose API lives in us-east-1.
  const client = cloudfront.client ?? new CloudFrontClient({ region: 'us-east-1' });
  try {
    const result = await client.send(
      new CreateInvalidationCommand({
        DistributionId: cloudfront.distributionId,
        InvalidationBatch: { CallerReference: randomUUID(), Paths: { Quantity: paths.length, Items: paths } },
      }),
    );
    return result.Invalidation?.Id;
  } catch (error) {
    const e = error as { name?: string; message?: string };
    throw new StatusError(
      'IO',
      `every file is deployed, but the CloudFront invalidation of distribution ${cloudfront.distributionId} failed (${e.name}: ${e.message}); readers get the new files once the cached ones expire (60 s for pages), or invalidate by hand`,
      [],
      { cause: error },
    );
  }
}

/** Runs `work` on every item, at most `limit` at a time; after a failure starts nothing new. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (failures.length === 0 && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const CREDENTIAL_ERRORS = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'AuthorizationHeaderMalformed',
  'InvalidClientTokenId',
]);

/** Turns an SDK or network failure into a message that says what is wrong and what to do. */
export function explainS3Error(error: unknown, action: string, target: S3Target): StatusError {
  if (error instanceof StatusError) return error;
  const e = (error ?? {}) as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const where = `s3://${target.bucket}${target.endpoint ? ` at ${target.endpoint}` : ''}`;
  const detail = `${e.name ?? 'Error'}${e.message && e.message !== e.name ? `: ${e.message}` : ''}`;
  let message: string;
  if (e.name === 'CredentialsProviderError') {
    message = `no credentials found to ${action} on ${where}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in the environment`;
  } else if (CREDENTIAL_ERRORS.has(e.name ?? '') || status === 401) {
    message = `the server rejected the credentials while trying to ${action} on ${where} (${detail}): check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN`;
  } else if (e.name === 'NoSuchBucket' || (status === 404 && action === 'list the bucket')) {
    message = `bucket "${target.bucket}" does not exist${target.endpoint ? ` at ${target.endpoint}` : ''}: create it, or fix --bucket / STATUS_S3_BUCKET${target.endpoint ? '' : ' and --region'}`;
  } else if (e.name === 'AccessDenied' || status === 403) {
    message = `access denied while trying to ${action} on ${where} (${detail}): the credentials need s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject on this bucket`;
  } else if (NETWORK_CODES.has(e.code ?? '') || e.name === 'TimeoutError' || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|socket hang up/.test(e.message ?? '')) {
    message = `could not reach ${target.endpoint ?? 'S3'} to ${action} (${e.code ?? detail}): check --endpoint / STATUS_S3_ENDPOINT and the network`;
  } else if (/region/i.test(e.message ?? '') && !target.region) {
    message = `could not ${action} on ${where} (${detail}): set --region / STATUS_S3_REGION (or AWS_REGION)`;
  } else {
    message = `could not ${action} on ${where} (${detail}${status ? `, HTTP ${status}` : ''})`;
  }
  return new StatusError('IO', message, [], { cause: error });
}
