// Shared bits of the editing commands: flags, terminal prompts, and validation by the real loader.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatProblem, StatusError } from '../src/shared/errors.ts';
import { FORMATS, loadContent } from '../src/content/index.ts';
import type { Site } from '../src/content/index.ts';
import { parseTimestamp } from '../src/shared/time.ts';

/** Prompts only make sense for a person at a terminal; scripts get a clear error instead. */
export const interactive = () => Boolean(process.stdin.isTTY && process.stdout.isTTY);

/** The flag's value, or the answer to a prompt, or a usage error naming the flag. */
export async function ask(value: string | undefined, question: string, flagName: string, choices?: readonly string[]): Promise<string> {
  if (value !== undefined && value !== '') return value;
  if (!interactive()) throw new StatusError('USAGE', `missing --${flagName}${choices ? ` (one of ${choices.join(', ')})` : ''}; see --help`);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    for (;;) {
      const answer = (await rl.question(`${question}${choices ? ` (${choices.join(', ')})` : ''}: `)).trim();
      if (answer && (!choices || choices.includes(answer))) return answer;
      if (answer) console.log(`Please answer one of: ${choices!.join(', ')}`);
    }
  } finally {
    rl.close();
  }
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], flagName: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new StatusError('USAGE', `--${flagName} must be one of ${allowed.join(', ')} — got "${value}"`);
}

/** `--at` in the content's own format (site zone) or with an offset; otherwise now. */
export function timeFlag(text: string | undefined, now: number, site: Site): number {
  if (text === undefined) return now;
  const parsed = parseTimestamp(text, site.time_zone);
  if ('error' in parsed) throw new StatusError('USAGE', `--at: ${parsed.error} — ${FORMATS.time.hint}`);
  return parsed.ms;
}

/** `web-apps=partial_outage,sms` (repeatable) → map; a bare id gets `fallback`. */
export function componentsFlag<T extends string>(values: string[], site: Site, allowed: readonly T[], fallback?: T): Record<string, T> {
  const ids = site.components.map((c) => c.id);
  const result: Record<string, T> = {};
  for (const part of values.flatMap((v) => v.split(',')).map((p) => p.trim()).filter(Boolean)) {
    const [id, state] = part.split('=').map((s) => s.trim()) as [string, string | undefined];
    if (!ids.includes(id)) throw new StatusError('USAGE', `unknown component "${id}"; the site has: ${ids.join(', ')}`);
    if (state === undefined && fallback === undefined) throw new StatusError('USAGE', `write the new state of "${id}", like ${id}=operational`);
    result[id] = oneOf(state ?? fallback!, allowed, 'components');
  }
  return result;
}

/**
 * Writes the file, then loads the whole content with the real loader. Problems in this file undo
 * the write (the old text comes back); problems elsewhere are only reported.
 */
export function writeChecked(file: string, text: string, contentDir: string, previous?: string) {
  writeFileSync(file, text);
  try {
    const content = loadContent(contentDir);
    for (const w of content.warnings) console.warn(formatProblem(w));
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
    const shown = path.relative(process.cwd(), file);
    const mine = error.problems.filter((p) => p.file === shown && p.severity === 'error');
    if (mine.length) {
      if (previous === undefined) rmSync(file, { force: true });
      else writeFileSync(file, previous);
      throw new StatusError('USAGE', `the change would break ${shown}, so it was not saved`, mine);
    }
    console.warn(`note: other content files have problems (run \`npm run check\`):\n${error.problems.map(formatProblem).join('\n')}`);
  }
}

export const read = (file: string) => readFileSync(file, 'utf8');

/** Opens the file in the person's editor when there is one and a terminal to show it in. */
export function openInEditor(file: string): boolean {
  const editor = process.env.VISUAL || process.env.EDITOR;
  if (!editor || !interactive()) return false;
  spawnSync(editor, [file], { stdio: 'inherit', shell: process.platform === 'win32' });
  return true;
}

export function nextSteps(file: string, branch: string, message: string): string {
  const shown = path.relative(process.cwd(), file);
  return [
    'Next: publish it with a pull request —',
    `  git switch -c ${branch}`,
    `  git add ${shown} && git commit -m ${JSON.stringify(message)}`,
    '  git push -u origin HEAD   (then open the pull request; the checks run on it)',
  ].join('\n');
}

/** node:util parseArgs, with its mistakes reported as usage errors instead of stack traces. */
export function parseFlags<T extends ParseArgsConfig['options']>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new StatusError('USAGE', `${message}; see --help`);
  }
}

/** Runs `npm install` in a status repository the command just wrote; `done` says what is already in place if it fails. */
export function npmInstall(dir: string, shown: string, done: string): void {
  console.log('Installing (npm install) …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  if (result.status !== 0) throw new StatusError('IO', `npm install in ${shown} failed; ${done}: fix what npm said and run npm install there`);
}
