// Runs the tool's commands as a user would see them: the same `main` and the same error printing
// as scripts/markdown-status.js, but in the test's own process. Starting a child costs about a
// second of tsx and module loading per command; the in-process run costs none after the first.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { format } from 'node:util';
import { run } from '../../scripts/cli.ts';
import { main } from '../../scripts/markdown-status.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'scripts/markdown-status.js');

export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** One command at a time: a command may change the working folder, the environment and the exit code. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `markdown-status <args>` in this process with `env` laid over the environment (a value of
 * undefined removes the variable). The working folder, environment, exit code and console are
 * restored afterwards, whatever the command did.
 */
export function runCommand(args: readonly string[], env: Record<string, string | undefined> = {}, cwd = ROOT): Promise<CommandResult> {
  const next = queue.then(() => runNow(args, env, cwd));
  queue = next.catch(() => {});
  return next;
}

async function runNow(args: readonly string[], env: Record<string, string | undefined>, cwd: string): Promise<CommandResult> {
  const saved = { env: { ...process.env }, cwd: process.cwd(), exitCode: process.exitCode, log: console.log, info: console.info, warn: console.warn, error: console.error };
  let stdout = '';
  let stderr = '';
  console.log = console.info = (...a: unknown[]) => void (stdout += `${format(...a)}\n`);
  console.warn = console.error = (...a: unknown[]) => void (stderr += `${format(...a)}\n`);
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  process.exitCode = undefined;
  process.chdir(cwd);
  let status: number;
  try {
    await run(() => main([...args]));
    status = Number(process.exitCode ?? 0);
  } catch (error) {
    // What node would print for an uncaught error, and its exit code.
    stderr += `${error instanceof Error ? error.stack : String(error)}\n`;
    status = 1;
  } finally {
    Object.assign(console, { log: saved.log, info: saved.info, warn: saved.warn, error: saved.error });
    for (const name of Object.keys(process.env)) if (!(name in saved.env)) delete process.env[name];
    Object.assign(process.env, saved.env);
    process.chdir(saved.cwd);
    process.exitCode = saved.exitCode;
  }
  return { status, stdout, stderr };
}

/** The variables of this environment whose names match, each set to undefined: for runCommand's `env`, as a clean environment would have it. */
export const unsetting = (names: RegExp): Record<string, undefined> =>
  Object.fromEntries(Object.keys(process.env).filter((name) => names.test(name)).map((name) => [name, undefined]));

/** The installed command in a child process: for what only a process shows (a terminal, a signal, a crash). */
export function runChildSync(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): CommandResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** As runChildSync, without blocking the test's event loop (for receivers served by the test itself). */
export function runChild(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<CommandResult> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status: status ?? 1, stdout, stderr })));
}
