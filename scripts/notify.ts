// Sends what the site says now and the ledger says was not sent yet: one message per event per
// channel, each recorded as it goes out. Exit code 1 while anything is still pending.
import path from 'node:path';
import { resolveNow } from '../src/shared/clock.ts';
import { StatusError } from '../src/shared/errors.ts';
import { loadContent } from '../src/content/index.ts';
import { fileLedgerStore, gitLedgerStore, runNotify, type LedgerStore } from '../src/notify/index.ts';
import { configuredEnv, flag, refuseUnknown } from './cli.ts';

const HELP = `Usage: npm run notify -- [--ledger <file> | --bucket <name> | --ledger-branch <name>] [options]

Sends the notifications configured under notifications: in the site file for everything that
happened on the page and is not in the ledger yet. A first run (no ledger) sends nothing and
records the present as sent. npm run deploy runs this after every upload, with the ledger in
the bucket; run it by hand with a ledger file, or with --bucket for the deployed site's ledger.

  --ledger <file>        STATUS_NOTIFY_LEDGER  the ledger file (written atomically)
  --bucket <name>        STATUS_S3_BUCKET      use the ledger next to the deployed site instead
  --prefix, --region, --endpoint               as for npm run deploy
  --ledger-branch <name> STATUS_LEDGER_BRANCH  keep the ledger on this branch of the status repository
                                               (e.g. status-state; made when missing): for hosts with no
                                               bucket; the job needs to push (contents: write)
  --ledger-remote <name> STATUS_LEDGER_REMOTE  the remote of that branch (default: origin)
  --content <folder>     STATUS_CONTENT        content folder (default: content)
  --now <iso time>       STATUS_NOW            the instant to notify as of (default: the clock)
  --dry-run              print one line per message it would send; send and record nothing

Secrets (webhook URLs, the SMTP relay, signing secrets) come only from the environment
variables the site file names.`;

const VALUE_FLAGS = ['ledger', 'ledger-branch', 'ledger-remote', 'bucket', 'prefix', 'region', 'endpoint', 'content', 'now'];

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  refuseUnknown(argv, { values: VALUE_FLAGS, switches: ['--dry-run'], help: 'npm run notify -- --help' });
  const env = configuredEnv();
  const option = (name: string) => flag(argv, name) || undefined;
  const contentDir = option('content') ?? env.STATUS_CONTENT ?? 'content';
  const ledgerFile = option('ledger') ?? env.STATUS_NOTIFY_LEDGER;
  const bucket = option('bucket') ?? env.STATUS_S3_BUCKET;
  const branch = option('ledger-branch') ?? env.STATUS_LEDGER_BRANCH;
  const now = resolveNow(argv, env);
  let store: LedgerStore;
  if (ledgerFile) store = fileLedgerStore(path.resolve(ledgerFile));
  else if (branch) store = gitLedgerStore({ cwd: process.cwd(), remote: option('ledger-remote') ?? env.STATUS_LEDGER_REMOTE, branch, env, now });
  else if (bucket) {
    // The S3 client is loaded only when it is used: it is a second of start-up.
    const { createS3Client, normalizePrefix } = await import('../src/deploy/index.ts');
    const { s3LedgerStore } = await import('../src/notify/index.ts');
    const target = { bucket, prefix: normalizePrefix(option('prefix') ?? env.STATUS_S3_PREFIX), region: option('region') ?? env.STATUS_S3_REGION ?? env.AWS_REGION, endpoint: option('endpoint') ?? env.STATUS_S3_ENDPOINT };
    store = s3LedgerStore(createS3Client(target), target.bucket, target.prefix);
  } else {
    throw new StatusError('USAGE', 'no ledger: pass --ledger <file> (or STATUS_NOTIFY_LEDGER), --bucket for the one next to the deployed site, or --ledger-branch status-state to keep it on a branch of the repository');
  }
  const report = await runNotify({
    content: loadContent(contentDir),
    contentDir,
    now,
    env,
    store,
    dryRun: argv.includes('--dry-run'),
    print: (line) => console.log(line),
  });
  console.log(report.summary);
  if (!report.dryRun && report.pending > 0) process.exitCode = 1;
}
