// Runs the probes of the site file once and records one line per component in its series. A
// failed check is data, not an error: the exit code is 1 only when the results could not be kept.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveNow } from '../src/shared/clock.ts';
import { STATE_BRANCH } from '../src/shared/git-branch.ts';
import { StatusError } from '../src/shared/errors.ts';
import { readSite } from '../src/content/index.ts';
import { DEFAULT_CONCURRENCY, DEFAULT_DEADLINE_MS, probedComponents, recordToBranch, recordToFolder, runProbes, SERIES_DAYS, type ProbeResult } from '../src/monitor/index.ts';
import { configuredEnv, flag, refuseUnknown } from './cli.ts';

export const HELP = `Usage: markdown-status probe [--out <folder> | --state-branch <name>] [options]

Checks every component that has a  probe:  in the site file (http, tcp or tls), all at once up to
a limit, prints one line per check and appends each result to probes/<component id>.jsonl on the
state branch of the status repository, in one commit. Series keep the last ${SERIES_DAYS} days. Failed
checks are results: the exit code is 0 unless the results could not be recorded (then 1).

  --state-branch <name>  STATUS_STATE_BRANCH  the branch the series are kept on (default: ${STATE_BRANCH};
                                              made when missing; the job needs contents: write)
  --state-remote <name>  STATUS_STATE_REMOTE  the remote of that branch (default: origin)
  --out <folder>         STATUS_PROBES_OUT    append to the series in this folder instead (no git),
                                              like content/probes, the folder the build reads by default
  --content <folder>     STATUS_CONTENT       content folder (default: content)
  --now <iso time>       STATUS_NOW           the time of the checks (default: the clock); certificates
                                              are compared with it
  --concurrency <n>                           checks under way at once (default: ${DEFAULT_CONCURRENCY})
  --deadline <seconds>                        every check still running then fails (default: ${DEFAULT_DEADLINE_MS / 1000})
  --ca <file>            STATUS_PROBE_CA      PEM certificates to trust beside the system's (a private authority)
  --dry-run                                   print the checks; record nothing`;

const VALUE_FLAGS = ['state-branch', 'state-remote', 'out', 'content', 'now', 'concurrency', 'deadline', 'ca'];

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  refuseUnknown(argv, { values: VALUE_FLAGS, switches: ['--dry-run'], help: 'markdown-status probe --help' });
  const env = configuredEnv();
  const option = (name: string) => flag(argv, name) || undefined;
  const number = (name: string, fallback: number) => {
    const text = option(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new StatusError('USAGE', `--${name} must be a number above 0 — got "${text}"`);
    return n;
  };
  const contentDir = option('content') ?? env.STATUS_CONTENT ?? 'content';
  const out = option('out') ?? env.STATUS_PROBES_OUT;
  const branch = option('state-branch') ?? env.STATUS_STATE_BRANCH ?? STATE_BRANCH;
  const remote = option('state-remote') ?? env.STATUS_STATE_REMOTE;
  const caFile = option('ca') ?? env.STATUS_PROBE_CA;
  const dryRun = argv.includes('--dry-run');
  const now = resolveNow(argv, env);
  const concurrency = Math.floor(number('concurrency', DEFAULT_CONCURRENCY));
  const deadlineMs = number('deadline', DEFAULT_DEADLINE_MS / 1000) * 1000;

  const site = readSite(contentDir);
  if (!probedComponents(site).length) {
    console.log('no component has a probe: add one to a component in the site file, like  probe: { http: https://example.com/health }');
    return;
  }
  const trust = caFile ? [readCa(caFile)] : undefined;
  const results = await runProbes(site, { now, concurrency, deadlineMs, ...(trust ? { trust } : {}) });
  for (const r of results) console.log(line(r));
  const down = results.filter((r) => !r.ok).length;
  const summary = `${results.length} checks: ${results.length - down} up${results.some((r) => r.slow) ? ` (${results.filter((r) => r.slow).length} slow)` : ''}, ${down} down`;
  if (dryRun) return void console.log(`${summary}; nothing recorded (--dry-run)`);
  const where = out
    ? (recordToFolder(path.resolve(out), results, now), `${results.length} series in ${out}`)
    : await recordToBranch({ cwd: process.cwd(), branch, ...(remote ? { remote } : {}), env }, results, now);
  console.log(`${summary}; recorded to ${where}`);
}

/** `ok    api        182 ms  http https://…`, and the reason after a failed one. */
function line(r: ProbeResult): string {
  const mark = !r.ok ? 'FAIL' : r.slow ? 'slow' : 'ok';
  return `${mark.padEnd(5)} ${r.id.padEnd(16)} ${`${r.ms} ms`.padStart(9)}  ${r.target}${r.error ? ` — ${r.error}` : ''}`;
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new StatusError('USAGE', `--ca ${file}: ${(error as Error).message} — name a PEM file of certificates`);
  }
}
