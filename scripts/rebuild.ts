// Starts a build on a host that builds from git (Netlify, Cloudflare Pages) once the published
// page's next change by itself has passed: its build hook, once per due instant.
import { readSite } from '../src/content/index.ts';
import { HOOK_ENV, requestRebuild } from '../src/deploy/index.ts';
import { STATE_BRANCH } from '../src/shared/git-branch.ts';
import { resolveNow } from '../src/shared/clock.ts';
import { StatusError } from '../src/shared/errors.ts';
import { configuredEnv, flag, refuseUnknown } from './cli.ts';

export const HELP = `Usage: npx markdown-status rebuild [options]

Reads next-change.txt of the published page; once that instant has passed, POSTs the host's
build hook (Netlify build hook, Cloudflare Pages deploy hook) once for it, and records the
request in rebuild.json on a branch of this repository, so runs that overlap ask once. The
Scheduled rebuild workflow runs it every 10 minutes. Not set up, not due, or a page out of
reach: one line, exit code 0. Exit code 1 when the hook keeps answering an error.

  --site-url <url>      STATUS_SITE_URL      the published page (default: url: of the site file)
  --hook-env <NAME>     the variable that holds the build hook's address (default: ${HOOK_ENV});
                        a secret: never printed
  --state-branch <name> STATUS_STATE_BRANCH  where rebuild.json is kept (default: ${STATE_BRANCH};
                                             made when missing; the job needs contents: write)
  --remote <name>       the remote of that branch (default: origin)
  --content <folder>    STATUS_CONTENT       content folder, for the site file (default: content)
  --now <iso time>      STATUS_NOW           the instant to compare with (default: the clock)
  --dry-run             say whether a build would be started; ask and record nothing`;

const VALUE_FLAGS = ['site-url', 'hook-env', 'state-branch', 'remote', 'content', 'now'];

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  refuseUnknown(argv, { values: VALUE_FLAGS, switches: ['--dry-run'], help: 'markdown-status rebuild --help' });
  const env = configuredEnv();
  const option = (name: string) => flag(argv, name) || undefined;
  const hookEnv = option('hook-env') ?? HOOK_ENV;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(hookEnv)) throw new StatusError('USAGE', `--hook-env "${hookEnv}" is not a variable name — give one like ${HOOK_ENV}`);
  const siteUrl = option('site-url') ?? env.STATUS_SITE_URL ?? readSite(option('content') ?? env.STATUS_CONTENT ?? 'content').url;
  const report = await requestRebuild({
    siteUrl,
    hookUrl: env[hookEnv],
    hookEnv,
    now: resolveNow(argv, env),
    cwd: process.cwd(),
    remote: option('remote'),
    branch: option('state-branch') ?? env.STATUS_STATE_BRANCH,
    env,
    dryRun: argv.includes('--dry-run'),
    print: (line) => console.log(line),
  });
  if (report.outcome === 'failed') process.exitCode = 1;
}
