// `npm run bench -- --latency`: how long publishing one new update takes, step by step, as the
// deploy workflow runs it: a lean install on a clean clone, check, a build with the last run's
// build cache, and a deploy to a bucket that holds the last run's site. The bucket is s3rver on
// 127.0.0.1 (a dev dependency of the checkout running the bench, not of the clone).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import S3rver from 's3rver';
import { openIncident, withNewUpdate } from './edit.ts';
import { BENCH_SITE, generateSite } from './generate.ts';

const BUCKET = 'bench-status';
/** s3rver's built-in account. */
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
/** No step of a 10,000-incident site takes near this on two cores; a hung one is stopped. */
const STEP_TIMEOUT_MS = 30 * 60_000;
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

export interface Step {
  name: string;
  seconds: number;
  peakMB: number | null;
}

export interface SiteLatency {
  site: string;
  incidents: number;
  /** The steps of one publish, in order. */
  steps: Step[];
  /** What the previous run left (first build and deploy), not part of the total. */
  setup: Step[];
}

interface Context {
  /** The clone the commands run in. */
  dir: string;
  env: NodeJS.ProcessEnv;
  work: string;
}

/** Runs one command to its end without blocking the event loop (s3rver answers in this process). */
async function step(ctx: Context, name: string, command: string, args: string[]): Promise<Step> {
  const rss = path.join(ctx.work, 'rss.txt');
  rmSync(rss, { force: true });
  const [cmd, cmdArgs] = GNU_TIME ? [GNU_TIME, ['-f', '%M', '-o', rss, command, ...args]] : [command, args];
  spawnSync('sync'); // the last step's writes flushed, so they do not slow this one
  const started = performance.now();
  const child = spawn(cmd, cmdArgs, { cwd: ctx.dir, env: { ...process.env, ...ctx.env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: STEP_TIMEOUT_MS });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${name} (${command} ${args.join(' ')}) failed with ${code}:\n${output}`);
  const peakMB = GNU_TIME && existsSync(rss) ? Number(readFileSync(rss, 'utf8').trim().split('\n').at(-1)) / 1024 : null;
  process.stderr.write(`  ${name}: ${seconds.toFixed(1)} s\n`);
  return { name, seconds, peakMB };
}

/**
 * One site: a fresh clone of this checkout's HEAD, then the steps. `incidents` undefined keeps the
 * sample content; a number replaces it with the generated site of that size.
 */
export async function siteLatency(repo: string, work: string, endpoint: string, site: string, incidents?: number): Promise<SiteLatency> {
  const dir = path.join(work, site);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const clone = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', repo, dir], { encoding: 'utf8' });
  if (clone.status !== 0) throw new Error(`git clone failed:\n${clone.stderr}`);
  const content = path.join(dir, 'content');
  let count: number;
  if (incidents === undefined) {
    count = spawnSync('git', ['-C', dir, 'ls-files', 'content/incidents'], { encoding: 'utf8' }).stdout.trim().split('\n').length;
  } else {
    rmSync(content, { recursive: true, force: true });
    count = generateSite(content, { ...BENCH_SITE, incidents }).incidents;
  }
  const env: NodeJS.ProcessEnv = {
    ...CREDENTIALS,
    STATUS_CACHE: path.join(dir, '.cache/status'),
    STATUS_S3_BUCKET: BUCKET,
    STATUS_S3_ENDPOINT: endpoint,
    STATUS_S3_REGION: 'us-east-1',
    STATUS_S3_PREFIX: `${site}/`,
    // As on a laptop: no /admin/ unless asked for, whatever the shell running the bench has set.
    GITHUB_REPOSITORY: '',
    STATUS_CMS_REPO: '',
    GITHUB_ACTIONS: '',
  };
  const ctx: Context = { dir, env, work };
  process.stderr.write(`${site} (${count} incidents):\n`);

  const install = await step(ctx, 'npm ci --omit=dev', 'npm', ['ci', '--omit=dev', '--no-audit', '--no-fund']);
  // What the previous run of the workflow left: a build cache and the site in the bucket.
  const setup = [await step(ctx, 'first build (fills the cache)', 'npm', ['run', 'build']), await step(ctx, 'first deploy (fills the bucket)', 'npm', ['run', 'deploy'])];

  const target = openIncident(content);
  writeFileSync(target, withNewUpdate(readFileSync(target, 'utf8'), Date.now()));
  const steps = [
    install,
    await step(ctx, 'npm run check', 'npm', ['run', 'check']),
    await step(ctx, 'npm run build (cache restored)', 'npm', ['run', 'build']),
    await step(ctx, 'npm run deploy', 'npm', ['run', 'deploy']),
  ];
  return { site, incidents: count, steps, setup };
}

/** s3rver on 127.0.0.1 with the bench bucket, for the length of `use`. */
export async function withS3Server<T>(work: string, use: (endpoint: string) => Promise<T>): Promise<T> {
  const directory = path.join(work, 's3');
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  try {
    return await use(`http://127.0.0.1:${port}`);
  } finally {
    server.httpServer.closeAllConnections();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** A table per site: each step's seconds, its share of the publish, and peak RSS. */
export function latencyTable(results: SiteLatency[]): string {
  const lines: string[] = [];
  const mb = (s: Step) => (s.peakMB === null ? '–' : `${s.peakMB.toFixed(0)} MB`);
  for (const r of results) {
    const total = r.steps.reduce((sum, s) => sum + s.seconds, 0);
    lines.push(`${r.site}: ${r.incidents} incidents, one new update published`, '');
    lines.push('| step | seconds | share | peak RSS |', '| --- | --- | --- | --- |');
    for (const s of r.steps) lines.push(`| ${s.name} | ${s.seconds.toFixed(1)} | ${((100 * s.seconds) / total).toFixed(0)}% | ${mb(s)} |`);
    lines.push(`| total | ${total.toFixed(1)} | 100% | |`, '');
    lines.push(`Not in the total (the previous run): ${r.setup.map((s) => `${s.name} ${s.seconds.toFixed(1)} s, ${mb(s)}`).join('; ')}.`, '');
  }
  return lines.join('\n');
}
