import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The instant the sample site is built at in tests: the sample's open incident is live then. */
export const SAMPLE_NOW = '2026-11-21T00:00:00Z';

export interface BuildResult {
  status: number | null;
  stdout: string;
  stderr: string;
  out: string;
}

/** Runs the real build command (a child process, as a user would) and returns its output folder. */
export function build(options: { content?: string; now?: string; out?: string; env?: NodeJS.ProcessEnv } = {}): BuildResult {
  const out = options.out ?? path.join(mkdtempSync(path.join(tmpdir(), 'status-test-')), 'site');
  const args = ['scripts/markdown-status.js', 'build', '--out', out, '--now', options.now ?? SAMPLE_NOW];
  if (options.content) args.push('--content', options.content);
  const result = spawnSync(process.execPath, args, {
    cwd: path.resolve(import.meta.dirname, '../..'),
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, out };
}

/** Builds the sample site once per test process. */
let sample: BuildResult | undefined;
export function sampleSite(): string {
  sample ??= build();
  if (sample.status !== 0) throw new Error(`sample build failed:\n${sample.stderr}`);
  return sample.out;
}
