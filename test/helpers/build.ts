import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { modelFor } from '../../src/build/index.ts';
import { madeFiles } from '../../src/outputs/index.ts';
import { ROOT, runChildSync, runCommand } from './command.ts';

/** The instant the sample site is built at in tests: the sample's open incident is live then. */
export const SAMPLE_NOW = '2026-11-21T00:00:00Z';

export interface BuildOptions {
  content?: string;
  now?: string;
  out?: string;
  env?: Record<string, string | undefined>;
}

export interface BuildResult {
  status: number | null;
  stdout: string;
  stderr: string;
  out: string;
}

function buildArgs(options: BuildOptions): { args: string[]; out: string } {
  const out = options.out ?? path.join(mkdtempSync(path.join(tmpdir(), 'status-test-')), 'site');
  const args = ['build', '--out', out, '--now', options.now ?? SAMPLE_NOW];
  if (options.content) args.push('--content', options.content);
  return { args, out };
}

/** Runs the real build command in this process (see runCommand) and returns its output folder. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const { args, out } = buildArgs(options);
  return { ...(await runCommand(args, options.env)), out };
}

/** The same build in a child process, for a test that needs the process itself (its exit, its memory). */
export function buildInChild(options: BuildOptions = {}): BuildResult {
  const { args, out } = buildArgs(options);
  return { ...runChildSync(args, options.env as NodeJS.ProcessEnv), out };
}

/**
 * Only the files besides the pages (feeds, API, calendars, badges, host files), made from the
 * content's state at `now` and written to a new folder: what a producer test reads, without
 * rendering a page. The same producers write the same bytes in a full build.
 */
export function outputsOnly(options: { content: string; now: string }): string {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'status-outputs-')), 'site');
  for (const file of madeFiles(modelFor(path.resolve(ROOT, options.content), Date.parse(options.now)).files)) {
    mkdirSync(path.dirname(path.join(out, file.path)), { recursive: true });
    writeFileSync(path.join(out, file.path), file.content);
  }
  return out;
}

/** What the sample's output depends on: the generator's code, templates, strings and the sample content. */
const INPUTS = ['src', 'layouts', 'locales', 'content', 'scripts', '.eleventy.js', 'package-lock.json'];

function fingerprint(): string {
  const hash = createHash('sha256').update(SAMPLE_NOW);
  for (const input of INPUTS) {
    const full = path.join(ROOT, input);
    const files = statSync(full).isDirectory()
      ? readdirSync(full, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
      : [full];
    for (const file of files.sort()) hash.update(path.relative(ROOT, file)).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The sample site built once per test run, and shared by every test file: the first file to ask
 * builds it into .cache/test-sample/<fingerprint of its inputs>/, the others wait for that folder.
 * Read it, never write to it. A change to the code or the sample gives a new fingerprint.
 */
let sample: string | undefined;
export function sampleSite(): string {
  if (sample) return sample;
  const cache = path.join(ROOT, '.cache/test-sample');
  const key = fingerprint();
  const site = path.join(cache, key, 'site');
  const lock = path.join(cache, `${key}.lock`);
  mkdirSync(cache, { recursive: true });
  // Bounded: a build takes seconds; a lock older than ten minutes belongs to a run that died.
  for (let waited = 0; !existsSync(site); waited += 200) {
    try {
      mkdirSync(lock);
    } catch {
      if (waited > 600_000 || Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 600_000) rmSync(lock, { recursive: true, force: true });
      sleep(200);
      continue;
    }
    try {
      if (existsSync(site)) break;
      for (const old of readdirSync(cache)) if (old !== key && old !== `${key}.lock`) rmSync(path.join(cache, old), { recursive: true, force: true });
      const staging = path.join(cache, key, `site.tmp-${process.pid}`);
      const result = buildInChild({ out: staging });
      if (result.status !== 0) throw new Error(`sample build failed:\n${result.stderr}`);
      renameSync(staging, site);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return (sample = site);
}
