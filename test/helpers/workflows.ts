// Reading the workflows of a status repository and running their shell steps as Actions would:
// `${{ … }}` filled from the contexts given, GITHUB_OUTPUT and GITHUB_ENV as files, and stand-ins
// first on PATH for the commands a step calls (npm, npx), each writing down its arguments and the
// STATUS_* and AWS_* variables it was given. curl and date are the real ones.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { substitute, type Context } from './actions-expressions.ts';

export interface Step {
  name?: string;
  id?: string;
  if?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
export interface Job {
  'runs-on'?: string;
  steps?: Step[];
  needs?: string | string[];
  if?: string;
  uses?: string;
  secrets?: unknown;
  permissions?: Record<string, string>;
  environment?: string | { name: string; url?: string };
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  outputs?: Record<string, string>;
  env?: Record<string, string>;
}
export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, Job>;
}
export interface WorkflowFile {
  text: string;
  doc: Document;
  data: Workflow;
}

export function readWorkflows(folder: string): Record<string, WorkflowFile> {
  return Object.fromEntries(
    readdirSync(folder)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => {
        const text = readFileSync(path.join(folder, f), 'utf8');
        const doc = parseDocument(text, { uniqueKeys: true });
        return [f, { text, doc, data: doc.toJS() as Workflow }];
      }),
  );
}

export const stepsOf = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? []);
export const stepNamed = (job: Job, name: string) => {
  const step = job.steps?.find((s) => s.name === name || s.id === name);
  if (!step) throw new Error(`no step "${name}" in the job`);
  return step;
};

/** A command the stand-ins saw: its name, arguments and the STATUS_* / AWS_* variables it had. */
export interface Call {
  command: string;
  args: string;
  env: Record<string, string>;
}
export interface StepRun {
  code: number | null;
  stdout: string;
  /** What the step wrote to GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** What the step wrote to GITHUB_ENV. */
  exported: Record<string, string>;
  calls: Call[];
}

/** A folder of stand-in commands; each run gets its own log. */
export class Runner {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'status-steps-'));
  readonly bin = path.join(this.dir, 'bin');
  private count = 0;

  constructor(commands: readonly string[] = ['npm', 'npx']) {
    mkdirSync(this.bin);
    for (const name of commands) {
      const file = path.join(this.bin, name);
      writeFileSync(file, `#!/bin/sh\n{ echo "CALL ${name} $*"; env | grep -E '^(STATUS_|AWS_)' | sort; } >> "$STANDIN_LOG"\n`);
      chmodSync(file, 0o755);
    }
  }

  /** Runs a `run:` step in `cwd` with its `env:` and script filled from `context` (plus `extraEnv`, as a runner's environment). */
  async run(step: Step, cwd: string, context: Context, extraEnv: Record<string, string> = {}): Promise<StepRun> {
    if (!step.run) throw new Error(`step ${step.name ?? step.uses} has no run:`);
    const n = ++this.count;
    const files = { output: path.join(this.dir, `output-${n}`), env: path.join(this.dir, `env-${n}`), log: path.join(this.dir, `calls-${n}`) };
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), context)]));
    const env = {
      PATH: `${this.bin}${path.delimiter}${process.env.PATH}`, HOME: process.env.HOME ?? this.dir, LANG: 'C.UTF-8',
      GITHUB_OUTPUT: files.output, GITHUB_ENV: files.env, STANDIN_LOG: files.log, ...extraEnv, ...stepEnv,
    };
    const script = substitute(step.run, context);
    const child = spawn('bash', ['-e', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, stdout, outputs: keyValues(files.output), exported: keyValues(files.env), calls: calls(files.log) };
  }
}

const keyValues = (file: string) =>
  existsSync(file) ? Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])) : {};

function calls(file: string): Call[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split(/^CALL /m).filter(Boolean).map((block) => {
    const [head, ...lines] = block.trimEnd().split('\n');
    const [command, ...args] = head!.split(' ');
    return { command: command!, args: args.join(' '), env: Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])) };
  });
}
