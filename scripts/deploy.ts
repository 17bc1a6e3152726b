// Uploads the built site to an S3-compatible bucket: changed files only, in an order that never
// shows a reader a page whose links or assets are missing, then deletes what is no longer built.
import path from 'node:path';
import { loadContent } from '../src/content/index.ts';
import { resolveNow } from '../src/shared/clock.ts';
import { StatusError } from '../src/shared/errors.ts';
import { createS3Client, deploy, normalizePrefix, type Plan, type Progress, siteLocation, uploadsOf } from '../src/deploy/index.ts';
import { notifyAsOf, runNotify, s3LedgerStore } from '../src/notify/index.ts';
import { configuredEnv, flag, refuseUnknown } from './cli.ts';

const HELP = `Usage: npm run deploy -- --bucket <name> [options]

Uploads the built site (npm run build) to an S3-compatible bucket. Only files whose bytes or
headers changed are sent; assets go first, then pages, then API and feeds, and files that are no
longer built are deleted last (only files an earlier deploy uploaded).

  --bucket <name>        STATUS_S3_BUCKET      bucket to deploy to (required)
  --prefix <folder/>     STATUS_S3_PREFIX      folder inside the bucket (default: the bucket root)
  --region <region>      STATUS_S3_REGION      region (default: AWS_REGION; "auto" for R2)
  --endpoint <url>       STATUS_S3_ENDPOINT    S3-compatible service (R2, MinIO, …); AWS when absent
  --distribution <id>    STATUS_CLOUDFRONT_DISTRIBUTION_ID   invalidate changed paths in CloudFront
  --dir <folder>         the built site (default: _site)
  --content <folder>     STATUS_CONTENT        content the site was built from, for its URL (default: content)
  --dry-run              show what would be uploaded and deleted, change nothing
  --no-delete            keep files that are no longer built
  --concurrency <n>      parallel uploads (default: 8)
  --no-notify            do not send the notifications configured in the site file
  --now <iso time>       STATUS_NOW            the instant to notify as of (default: the clock)

After a successful upload it sends the notifications of the site file (see npm run notify), with
their ledger kept in the bucket next to the site. A notification that cannot be sent is printed
as a warning and left for the next deploy: the deploy itself still succeeds.

Credentials come from the AWS SDK's usual chain: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
AWS_SESSION_TOKEN, or AWS_PROFILE, SSO, or the machine's role. Never from files in this repository.`;

const VALUE_FLAGS = ['bucket', 'prefix', 'region', 'endpoint', 'distribution', 'dir', 'content', 'concurrency', 'now'];
const SWITCHES = ['dry-run', 'no-delete', 'no-notify'];

// The SDK warns on every run that its releases from 2027 on need Node 22; this project pins the
// SDK version, so that notice belongs to the upgrade, not to each deploy.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  refuseUnknown(argv, { values: VALUE_FLAGS, switches: SWITCHES.map((name) => `--${name}`), help: 'npm run deploy -- --help' });
  const env = configuredEnv();
  const option = (name: string) => {
    const value = flag(argv, name);
    return value === '' ? undefined : value;
  };
  const bucket = option('bucket') ?? env.STATUS_S3_BUCKET;
  if (!bucket) throw new StatusError('USAGE', 'no bucket given: pass --bucket <name> or set STATUS_S3_BUCKET (npm run deploy -- --help)');
  const target = {
    bucket,
    prefix: normalizePrefix(option('prefix') ?? env.STATUS_S3_PREFIX),
    region: option('region') ?? env.STATUS_S3_REGION ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    endpoint: option('endpoint') ?? env.STATUS_S3_ENDPOINT,
  };
  const distributionId = option('distribution') ?? env.STATUS_CLOUDFRONT_DISTRIBUTION_ID;
  const dir = path.resolve(option('dir') ?? '_site');
  const contentDir = option('content') ?? env.STATUS_CONTENT ?? 'content';
  const concurrency = Number(option('concurrency') ?? 8);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new StatusError('USAGE', '--concurrency must be a whole number of at least 1');
  // Test hook only: stop as if the network failed after this many uploads.
  const failAfter = env.STATUS_DEPLOY_FAIL_AFTER === undefined ? undefined : Number(env.STATUS_DEPLOY_FAIL_AFTER);
  if (failAfter !== undefined && !(Number.isInteger(failAfter) && failAfter >= 0)) {
    throw new StatusError('USAGE', `STATUS_DEPLOY_FAIL_AFTER (a test hook) must be a whole number — got "${env.STATUS_DEPLOY_FAIL_AFTER}"`);
  }
  const dryRun = argv.includes('--dry-run');
  const started = performance.now();
  const content = loadContent(contentDir);
  const client = createS3Client(target);

  const report = await deploy({
    dir,
    site: siteLocation(content.site.url),
    target,
    client,
    cloudfront: distributionId ? { distributionId } : undefined,
    dryRun,
    deleteStale: !argv.includes('--no-delete'),
    concurrency,
    failAfter,
    onProgress: process.stderr.isTTY ? showProgress : undefined,
  }).finally(() => {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  });

  const where = `s3://${target.bucket}/${target.prefix}`;
  if (dryRun) {
    printPlan(report.plan);
    const bytes = uploadsOf(report.plan).reduce((n, u) => n + u.file.size, 0);
    console.log(
      `Dry run for ${where}: would upload ${uploadsOf(report.plan).length} files (${formatBytes(bytes)}), delete ${report.plan.deletes.length}; ${report.plan.unchanged.length} unchanged`,
    );
    if (!argv.includes('--no-notify')) await notify(true);
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const parts = [
    `${report.uploaded.length} uploaded (${formatBytes(report.bytesUploaded)})`,
    `${report.deleted.length} deleted`,
    `${report.plan.unchanged.length} unchanged`,
  ];
  if (report.plan.kept.length > 0) parts.push(`${report.plan.kept.length} no longer built but kept (--no-delete)`);
  const cdn = report.invalidationId ? `; CloudFront invalidation ${report.invalidationId}` : '';
  const shown = dir.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), dir) : dir;
  console.log(`Deployed ${shown} to ${where}: ${parts.join(', ')} in ${seconds} s${cdn}`);
  if (!argv.includes('--no-notify')) await notify(false);

  // Only now does every link in a message work. The upload succeeded, so a notification problem is
  // a warning and the deploy exits 0; what was not sent stays in the ledger for the next deploy.
  async function notify(dry: boolean) {
    if (!content.site.notifications) return;
    try {
      const result = await runNotify({
        content,
        contentDir,
        now: notifyAsOf(resolveNow(argv, env), dir),
        env,
        store: s3LedgerStore(client, target.bucket, target.prefix),
        dryRun: dry,
        print: (line) => console.log(line),
      });
      console.log(result.summary);
      if (result.pending > 0 && !dry) console.warn(`warning: ${result.pending} notification(s) not sent yet; the next deploy (or npm run notify -- --bucket ${target.bucket}) sends them`);
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
      console.warn(`warning: notifications not sent: ${error.message}${error.problems.length ? ` (${error.problems.length} problem(s); npm run notify -- --dry-run shows them)` : ''}`);
    }
  }
}

function showProgress(p: Progress) {
  process.stderr.write(`\r\x1b[Kuploading ${p.done}/${p.total} files, ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`);
}

function printPlan(plan: Plan) {
  const mark = { new: '+ new    ', changed: '~ changed', headers: '~ headers', unknown: '~ replace' } as const;
  plan.batches.forEach((batch, i) => {
    for (const u of batch) console.log(`${mark[u.reason]}  ${u.file.key} (${formatBytes(u.file.size)}, group ${i + 1})`);
  });
  for (const key of plan.deletes) console.log(`- delete   ${key}`);
  for (const key of plan.kept) console.log(`= keep     ${key} (no longer built; --no-delete)`);
}

function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}
